package dev.scalingadvisor.core.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.yaml.ValueSchema;
import java.io.UncheckedIOException;

/**
 * Writes the JSON Schema of a configuration file from its declared {@link Section}s, for editors' completion and
 * checks: one object per mapping (unknown keys refused), each key with the form of its value ({@link
 * ValueSchema}), its bounds where JSON Schema can say them, its default and what it is for. {@code
 * docs/schemas/advisor.schema.json} is this text, as {@code docs/configuration.md} is the {@link
 * ConfigurationReference}'s; a test keeps both current. Checks across keys (a clear threshold at most its raise
 * threshold) stay with the reader, which the schema's description says.
 */
public final class ConfigurationSchema {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigurationSchema() {}

    /**
     * @param id          the schema's {@code $id}
     * @param title       what file it describes
     * @param description what it is for and what it leaves to the reader
     * @param root        the file's top-level mapping
     */
    public static String json(String id, String title, String description, Section<?> root) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", id);
        schema.put("title", title);
        schema.set("$defs", ValueSchema.definitions());
        schema.setAll(object(root));
        schema.put("description", description);
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withSeparators(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            return Json.mapper().writer(printer).writeValueAsString(schema).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <S> ObjectNode object(Section<S> section) {
        ObjectNode object = NODES.objectNode();
        object.put("type", "object");
        object.put("additionalProperties", false);
        object.put("description", section.description().strip());
        ObjectNode properties = object.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        properties(section, properties, required);
        if (!required.isEmpty()) {
            object.set("required", required);
        }
        return object;
    }

    // Java 17 has no pattern switch; the entry kinds are sealed, so this ladder is complete.
    private static <S> void properties(Section<S> section, ObjectNode properties, ArrayNode required) {
        for (SettingsEntry<S> entry : section.entries()) {
            if (entry instanceof Option<S, ?> option) {
                if (option.isKey()) {
                    option(option, properties, required);
                }
            } else if (entry instanceof Nested<S, ?> nested) {
                ObjectNode mapping = object(nested.section());
                if (nested.shorthand().isPresent()) {
                    ObjectNode either = NODES.objectNode();
                    either.putArray("oneOf")
                            .add(nested.shorthand().get().schema())
                            .add(mapping);
                    mapping = either;
                }
                mapping.put("description", nested.description());
                properties.set(nested.key(), mapping);
            } else if (entry instanceof ListOf<S, ?> list) {
                ObjectNode array = NODES.objectNode();
                array.put("type", "array");
                array.put("description", list.description());
                array.set("items", object(list.element()));
                properties.set(list.key(), array);
            } else if (entry instanceof Include<S, ?> include) {
                properties(include.section(), properties, required);
            }
        }
    }

    private static <S, V> void option(Option<S, V> option, ObjectNode properties, ArrayNode required) {
        ObjectNode property =
                option.section().isPresent() ? object(option.section().get()) : option.schema();
        property.put("description", option.description());
        option.defaultJson().ifPresent(value -> property.set("default", value));
        properties.set(option.key(), property);
        if (option.isRequired()) {
            required.add(option.key());
        }
        if (option.isSecret()) {
            ObjectNode file = NODES.objectNode();
            file.put("type", "string");
            file.put("description", "a file holding `" + option.key() + "` (systemd credentials, Docker secrets)");
            properties.set(option.key() + "File", file);
        }
    }
}

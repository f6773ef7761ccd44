package dev.scalingadvisor.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.scalingadvisor.core.text.Spelling;
import java.io.IOException;

/**
 * Enum constants in JSON as everywhere else, in their {@link Spelling} ({@code savepoint-redeploy}). Reading
 * also takes the Java name ({@code SAVEPOINT_REDEPLOY}), which state written before this module holds.
 */
final class EnumSpelling extends SimpleModule {

    EnumSpelling() {
        super("enum-spelling");
        addSerializer(new SpelledEnumSerializer());
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(
                    DeserializationConfig config,
                    JavaType type,
                    BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return new SpelledEnumDeserializer(type.getRawClass());
            }
        });
    }

    @SuppressWarnings("rawtypes")
    private static final class SpelledEnumSerializer extends StdScalarSerializer<Enum> {
        SpelledEnumSerializer() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(Spelling.of(value));
        }
    }

    private static final class SpelledEnumDeserializer extends StdScalarDeserializer<Enum<?>> {
        private final Class<?> type;

        SpelledEnumDeserializer(Class<?> type) {
            super(type);
            this.type = type;
        }

        @Override
        public Enum<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            for (Object constant : type.getEnumConstants()) {
                Enum<?> e = (Enum<?>) constant;
                if (Spelling.of(e).equals(text) || e.name().equals(text)) {
                    return e;
                }
            }
            return (Enum<?>)
                    context.handleWeirdStringValue(type, text, "not one of the spellings of %s", type.getSimpleName());
        }
    }
}

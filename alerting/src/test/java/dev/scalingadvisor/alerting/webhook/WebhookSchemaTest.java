package dev.scalingadvisor.alerting.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.alerting.fixtures.PayloadSchema;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.testing.Golden;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookSchemaTest {

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void everyGoldenPayloadIsValidAgainstTheDocumentedSchema(EventKind kind) {
        assertThat(PayloadSchema.violations(Golden.read("webhook/" + kind.spelling() + ".json")))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void everyFieldWeSendIsDocumentedInTheSchema(EventKind kind) {
        List<String> undocumented = new ArrayList<>();
        undocumented(WebhookPayload.of(SampleEvents.of(kind)), PayloadSchema.SCHEMA, "", undocumented);

        assertThat(undocumented).isEmpty();
    }

    @Test
    void rejectsAPayloadWithoutItsJob() {
        ObjectNode payload = WebhookPayload.of(SampleEvents.of(EventKind.RECOMMENDATION));
        ((ObjectNode) payload.get("data")).remove("job");

        assertThat(PayloadSchema.violations(payload)).singleElement().asString().contains("job");
    }

    @Test
    void rejectsAFindingWithoutItsTextAndARecommendationWithoutParallelism() {
        ObjectNode finding = WebhookPayload.of(SampleEvents.of(EventKind.FINDING));
        ((ObjectNode) finding.get("data")).putNull("finding");
        ObjectNode recommendation = WebhookPayload.of(SampleEvents.of(EventKind.RECOMMENDATION));
        ((ObjectNode) recommendation.get("data")).putNull("parallelism");

        assertThat(PayloadSchema.violations(finding)).isNotEmpty();
        assertThat(PayloadSchema.violations(recommendation)).isNotEmpty();
    }

    @Test
    void rejectsAnUnknownTypeAndATimestampThatIsNotOne() {
        ObjectNode payload = WebhookPayload.of(SampleEvents.of(EventKind.RECOMMENDATION));
        payload.put("type", "scale-up").put("timestamp", "yesterday");

        assertThat(PayloadSchema.violations(payload)).hasSize(2);
    }

    /** Walks the payload beside the schema and collects every key the schema does not declare. */
    private static void undocumented(JsonNode value, JsonNode schema, String path, List<String> out) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("oneOf")) {
            for (JsonNode option : resolved.get("oneOf")) {
                JsonNode o = resolve(option);
                if (value.isObject() == "object".equals(o.path("type").asText())) {
                    undocumented(value, o, path, out);
                    return;
                }
            }
        }
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode declared = resolved.path("properties").path(field.getKey());
                if (declared.isMissingNode()) {
                    out.add(path + "/" + field.getKey());
                } else {
                    undocumented(field.getValue(), declared, path + "/" + field.getKey(), out);
                }
            }
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                undocumented(item, resolved.path("items"), path + "[]", out);
            }
        }
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            current = PayloadSchema.SCHEMA.at(ref.substring(1));
        }
        return current;
    }
}

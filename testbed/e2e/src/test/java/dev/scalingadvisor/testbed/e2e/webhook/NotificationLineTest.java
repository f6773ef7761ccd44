package dev.scalingadvisor.testbed.e2e.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void showsTypeSummaryAndTheRescaleStepsOfAVersion1Payload() throws Exception {
        String body = """
                {"version":1,"type":"rescale-succeeded","timestamp":"2025-05-06T09:30:00Z",
                 "data":{"summary":"[prod-eu] Rescaled orders-enrichment: 4 → 6 — done in 45.0s",
                         "steps":[{"name":"savepoint","seconds":12.4,"succeeded":true,"detail":null},
                                  {"name":"submit","seconds":8,"succeeded":true,"detail":null},
                                  {"name":"running","seconds":21.5,"succeeded":false,"detail":"timed out"}]}}""";

        assertThat(NotificationLine.format(webhook(body, StandardWebhooks.SignatureCheck.VALID)))
                .isEqualTo("rescale-succeeded: [prod-eu] Rescaled orders-enrichment: 4 → 6 — done in 45.0s"
                        + " (steps: savepoint 12.4 s, submit 8.0 s, running FAILED 21.5 s)");
    }

    @Test
    void fallsBackToKindTextAndCompactJsonForPayloadsOfAnotherShape() throws Exception {
        assertThat(NotificationLine.format(
                        webhook("{\"kind\":\"finding\",\"text\":\"hot key\"}", StandardWebhooks.SignatureCheck.VALID)))
                .isEqualTo("finding: hot key");
        assertThat(NotificationLine.format(
                        webhook("{\"something\": [1, 2]}", StandardWebhooks.SignatureCheck.MISMATCH)))
                .isEqualTo("notification: {\"something\":[1,2]} [signature mismatch]");
        assertThat(NotificationLine.format(webhook("x".repeat(300), StandardWebhooks.SignatureCheck.VALID)))
                .hasSize("notification: ".length() + 200)
                .endsWith("…");
    }

    private static ReceivedWebhook webhook(String body, StandardWebhooks.SignatureCheck check) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (java.io.IOException notJson) {
            json = null;
        }
        return new ReceivedWebhook(Instant.now(), "POST", "/webhook", Map.of(), bytes, json, check);
    }
}

package dev.scalingadvisor.alerting.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.alerting.fixtures.PayloadSchema;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The worked example in docs/webhook.md is true: recomputed from the page on every build. */
class WebhookDocumentationTest {

    private static final String DOC = PayloadSchema.read(PayloadSchema.DOCS.resolve("webhook.md"));

    private static String find(String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(DOC);
        assertThat(m.find()).as("docs/webhook.md has %s", regex).isTrue();
        return m.group(1);
    }

    private final String secret = find("^secret: (whsec_\\S+)$");
    private final String id = find("^webhook-id: (\\S+)$");
    private final String timestamp = find("^webhook-timestamp: (\\d+)$");
    private final String signature = find("^webhook-signature: (v1,\\S+)$");
    private final String body = find("^(\\{\"version\":1,\"type\":\"recommendation-resolved\".*)$");

    @Test
    void theSignatureInTheWorkedExampleIsTheHmacOfItsBody() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1," + Base64.getEncoder().encodeToString(expected));
        assertThat(new WebhookSignature(Secret.of(secret)).sign(id, Long.parseLong(timestamp), body))
                .isEqualTo(signature);
    }

    @Test
    void theWorkedExampleIsWhatTheAdvisorSendsForThatEvent() {
        assertThat(body)
                .isEqualTo(WebhookPayload.of(SampleEvents.of(EventKind.RECOMMENDATION_RESOLVED))
                        .toString());
        assertThat(id)
                .isEqualTo(SampleEvents.of(EventKind.RECOMMENDATION_RESOLVED).id());
        assertThat(Long.parseLong(timestamp)).isEqualTo(SampleEvents.AT.getEpochSecond() + 2);
        assertThat(find("one line, (\\d+) bytes of UTF-8"))
                .isEqualTo(String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        assertThat(find("decodes to the 24 bytes `([0-9a-f]+)`"))
                .isEqualTo(
                        java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(secret.substring(6))));
    }

    @Test
    void thePayloadExamplesInThePageAreValid() {
        assertThat(PayloadSchema.violations(Golden.parse(body))).isEmpty();
        String pretty = find("(?s)sent \\(pretty-printed.*?```json\\n(.*?)```");
        assertThat(Golden.parse(pretty)).isEqualTo(Golden.read("webhook/recommendation.json"));
    }
}

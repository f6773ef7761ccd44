package dev.scalingadvisor.testbed.e2e.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalingadvisor.testbed.e2e.webhook.StandardWebhooks.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    // The worked example of docs/webhook.md (branch alerting), byte for byte.
    private static final String SECRET = "whsec_bxwumot9TD4vGgucjX5vWks8LR4Pmot8";
    private static final String ID = "evt_bd44fbeee6d49e60d978015c";
    private static final String TIMESTAMP = "1746523802";
    private static final String SIGNATURE = "v1,Nbc5xl53ct+R2L+v1B8SEFVa/0AiJeB7Lz6+igNogn8=";
    private static final byte[] BODY =
            ("{\"version\":1,\"type\":\"recommendation-resolved\",\"timestamp\":\"2025-05-06T09:30:00Z\","
                            + "\"data\":{\"id\":\"evt_bd44fbeee6d49e60d978015c\",\"summary\":\"[prod-eu] No longer needed: scale up orders-enrichment "
                            + "4 → 6 — the conditions behind it cleared before anyone acted\",\"cluster\":\"prod-eu\",\"job\":{\"id\":"
                            + "\"3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f\",\"name\":\"orders-enrichment\"},\"direction\":\"up\",\"parallelism\":"
                            + "{\"current\":4,\"target\":6,\"vertices\":[]},\"rules\":[],\"policy\":[],\"guards\":[],\"finding\":null,\"steps\":[],"
                            + "\"links\":{\"flinkJob\":\"https://flink.prod-eu.example.com/#/job/running/3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f/overview\"},"
                            + "\"dedupKey\":\"recommendation/prod-eu/3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f\"}}")
                    .getBytes(StandardCharsets.UTF_8);
    private static final Instant SENT = Instant.ofEpochSecond(1746523802);

    @Test
    void acceptsTheDocumentedExampleAtItsOwnTime() {
        assertThat(BODY).hasSize(666);
        assertThat(StandardWebhooks.verify(SECRET, ID, TIMESTAMP, SIGNATURE, BODY, SENT.plusSeconds(2)))
                .isEqualTo(SignatureCheck.VALID);
        assertThat(StandardWebhooks.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void rejectsAReplayOlderThanFiveMinutes() {
        assertThat(StandardWebhooks.verify(SECRET, ID, TIMESTAMP, SIGNATURE, BODY, SENT.plusSeconds(301)))
                .isEqualTo(SignatureCheck.BAD_TIMESTAMP);
        assertThat(StandardWebhooks.verify(SECRET, ID, "soon", SIGNATURE, BODY, SENT))
                .isEqualTo(SignatureCheck.BAD_TIMESTAMP);
    }

    @Test
    void rejectsAnAlteredBodyIdOrSecret() {
        byte[] altered = BODY.clone();
        altered[100] ^= 1;
        assertThat(StandardWebhooks.verify(SECRET, ID, TIMESTAMP, SIGNATURE, altered, SENT))
                .isEqualTo(SignatureCheck.MISMATCH);
        assertThat(StandardWebhooks.verify(SECRET, ID + "x", TIMESTAMP, SIGNATURE, BODY, SENT))
                .isEqualTo(SignatureCheck.MISMATCH);
        assertThat(StandardWebhooks.verify(StandardWebhooks.newSecret(), ID, TIMESTAMP, SIGNATURE, BODY, SENT))
                .isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void acceptsAnyMatchingEntryWhileASecretIsRotated() {
        String rotating = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v2,whatever v1,!!notbase64 " + SIGNATURE;
        assertThat(StandardWebhooks.verify(SECRET, ID, TIMESTAMP, rotating, BODY, SENT))
                .isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void reportsMissingHeaders() {
        assertThat(StandardWebhooks.verify(SECRET, null, TIMESTAMP, SIGNATURE, BODY, SENT))
                .isEqualTo(SignatureCheck.MISSING_HEADERS);
        assertThat(StandardWebhooks.verify(SECRET, ID, TIMESTAMP, null, BODY, SENT))
                .isEqualTo(SignatureCheck.MISSING_HEADERS);
    }

    @Test
    void refusesAMalformedSecretWithoutShowingIt() {
        assertThatThrownBy(() -> StandardWebhooks.requireValidSecret("s3cr3t-value"))
                .hasMessageNotContaining("s3cr3t-value");
        assertThatThrownBy(() -> StandardWebhooks.requireValidSecret("whsec_***"))
                .hasMessageContaining("not base64");
        assertThat(StandardWebhooks.newSecret()).startsWith("whsec_").hasSize(6 + 44);
    }
}

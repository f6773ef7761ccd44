package dev.scalingadvisor.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownSecretsTest {

    @Test
    void redactsEveryLoadedSecretAndTheKeyPartOfAWebhookUrl() {
        Secret.of("tok-1234567890");
        Secret.of("https://hooks.slack.com/services/TA/BB/keykeykey");

        assertThat(KnownSecrets.redact("Authorization: Bearer tok-1234567890"))
                .isEqualTo("Authorization: Bearer <secret>");
        assertThat(KnownSecrets.redact("POST /services/TA/BB/keykeykey failed")).isEqualTo("POST <secret> failed");
    }

    @Test
    void neverPrintsASecretThroughToString() {
        assertThat(Secret.of("hunter2hunter2").toString()).isEqualTo("<secret>");
        assertThat(String.valueOf(java.util.Optional.of(Secret.of("hunter2hunter2"))))
                .doesNotContain("hunter2");
    }

    @Test
    void leavesShortValuesAloneSoOrdinaryWordsSurvive() {
        Secret.of("abc");

        assertThat(KnownSecrets.redact("abc is the start of the alphabet"))
                .isEqualTo("abc is the start of the alphabet");
    }
}

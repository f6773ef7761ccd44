package dev.scalingadvisor.alerting.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalingadvisor.core.secret.Secret;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void matchesTheStandardWebhooksReferenceExample() {
        // The example from the Standard Webhooks specification and its reference libraries.
        WebhookSignature signature = new WebhookSignature(Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

        assertThat(signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void refusesASecretWithoutItsPrefixWithoutShowingIt() {
        assertThatThrownBy(() -> new WebhookSignature(Secret.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
                .hasMessage("a signing secret starts with \"whsec_\" (value not shown)");
    }
}

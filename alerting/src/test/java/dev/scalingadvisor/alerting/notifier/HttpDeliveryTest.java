package dev.scalingadvisor.alerting.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalingadvisor.core.secret.Secret;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDeliveryTest {

    private static final Instant NOW = Instant.parse("2025-05-06T09:30:00Z");

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(HttpDelivery.retryAfter("7", NOW)).contains(Duration.ofSeconds(7));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        assertThat(HttpDelivery.retryAfter("Tue, 06 May 2025 09:31:30 GMT", NOW))
                .contains(Duration.ofSeconds(90));
        assertThat(HttpDelivery.retryAfter("Tue, 06 May 2025 09:00:00 GMT", NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void ignoresARetryAfterItCannotRead() {
        assertThat(HttpDelivery.retryAfter(null, NOW)).isEmpty();
        assertThat(HttpDelivery.retryAfter("soon", NOW)).isEmpty();
        assertThat(HttpDelivery.retryAfter("99999999999999999999", NOW)).isEmpty();
    }

    @Test
    void refusesAnUnusableUrlWithoutRepeatingIt() {
        assertThatThrownBy(() -> HttpDelivery.parseSecretUrl(Secret.of("hxxp://hooks/T0/B0/key123456"), "team"))
                .hasMessage("notifier team: the url is not a usable http(s) URL (value not shown)");
    }
}

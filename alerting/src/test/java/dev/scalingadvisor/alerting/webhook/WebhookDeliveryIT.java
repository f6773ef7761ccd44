package dev.scalingadvisor.alerting.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.scalingadvisor.alerting.delivery.NotificationMetrics;
import dev.scalingadvisor.alerting.delivery.Notifications;
import dev.scalingadvisor.alerting.delivery.TestPolicies;
import dev.scalingadvisor.alerting.fixtures.PayloadSchema;
import dev.scalingadvisor.alerting.fixtures.Receivers;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.alerting.fixtures.Settings;
import dev.scalingadvisor.alerting.noise.NotificationLog;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.alerting.notifier.NotifierType;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.testing.Golden;
import dev.scalingadvisor.core.testing.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WireMock stands in for a receiver of the generic webhook; the signature is checked by hand, not by our signer. */
class WebhookDeliveryIT {

    @RegisterExtension
    static WireMockExtension receiver = Receivers.onLoopback();

    @Test
    void postsTheDocumentedPayloadForEachKindSignedSoAReceiverCanVerifyIt() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/scaling")).willReturn(aResponse().withStatus(204)));
        MutableClock clock = new MutableClock(SampleEvents.AT.plusSeconds(2));
        NotifierSettings base = Settings.of(NotifierType.WEBHOOK, "ops-bus", Receivers.url(receiver) + "/scaling");
        NotifierSettings settings = new NotifierSettings(
                base.type(),
                base.name(),
                base.url(),
                base.signingSecret(),
                Map.of("Authorization", Secret.of("Bearer ops-bus-token-7f3a")),
                base.jobs(),
                base.events(),
                base.repeatInterval(),
                base.sendResolved(),
                base.timeout());
        Notifications notifications = Notifications.builder(
                        NotificationLog.inMemory(), NotificationMetrics.register(new PrometheusRegistry()), clock)
                .policy(TestPolicies.fast())
                .notifier(settings)
                .build();
        try {
            for (EventKind kind : EventKind.values()) {
                notifications.publish(SampleEvents.of(kind));
            }
            assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();
        } finally {
            notifications.close(Duration.ofSeconds(2));
        }

        List<LoggedRequest> requests = Receivers.received(receiver);
        assertThat(requests).hasSize(EventKind.values().length);
        for (int i = 0; i < requests.size(); i++) {
            LoggedRequest request = requests.get(i);
            String body = request.getBodyAsString();
            JsonNode payload = Golden.parse(body);
            Golden.assertMatches("webhook/" + EventKind.values()[i].spelling() + ".json", payload);
            assertThat(PayloadSchema.violations(payload)).isEmpty();

            assertThat(request.getHeader("webhook-id"))
                    .isEqualTo(payload.at("/data/id").asText());
            assertThat(request.getHeader("webhook-timestamp"))
                    .isEqualTo(String.valueOf(SampleEvents.AT.getEpochSecond() + 2));
            assertThat(request.getHeader("webhook-signature"))
                    .isEqualTo("v1,"
                            + hmac(request.getHeader("webhook-id") + "." + request.getHeader("webhook-timestamp") + "."
                                    + body));
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer ops-bus-token-7f3a");
            assertThat(request.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
            assertThat(request.getHeader("User-Agent")).isEqualTo("flink-scaling-advisor");
        }
    }

    /** What a receiver computes: HMAC-SHA256 keyed with the secret's base64-decoded bytes, base64 out. */
    private static String hmac(String signedContent) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        byte[] key = Base64.getDecoder().decode(Settings.SIGNING_SECRET.substring("whsec_".length()));
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8)));
    }
}

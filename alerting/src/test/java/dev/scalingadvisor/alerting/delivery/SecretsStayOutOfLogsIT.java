package dev.scalingadvisor.alerting.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.scalingadvisor.alerting.fixtures.LogCapture;
import dev.scalingadvisor.alerting.fixtures.Receivers;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.alerting.fixtures.Settings;
import dev.scalingadvisor.alerting.noise.NotificationLog;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.alerting.notifier.NotifierType;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.testing.MetricValues;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhook URLs embed their key; headers carry tokens; the signing secret signs. None of them may show in
 * the log (at any level, stack traces included) or in metrics, whatever goes wrong: a receiver that
 * refuses and quotes the URL back, one that fails, one that hangs, one that is not there.
 */
class SecretsStayOutOfLogsIT {

    private static final String SLACK_KEY = "T0SECRET/B0SECRET/kq9ZrLs3cretSlackKey";
    private static final String QUERY_TOKEN = "tok3n-in-the-query-string";
    private static final String HEADER_TOKEN = "Bearer h3ader-token-value";

    @RegisterExtension
    static WireMockExtension receiver = Receivers.onLoopback();

    @Test
    void noSecretAppearsInTheLogOrTheMetricsWhateverGoesWrong() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/services/" + SLACK_KEY))
                .willReturn(aResponse().withStatus(404).withBody("no_service: nothing at /services/" + SLACK_KEY)));
        receiver.stubFor(post(urlPathEqualTo("/failing"))
                .willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        receiver.stubFor(post(urlPathEqualTo("/hanging"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        int closedPort = freePort();

        List<NotifierSettings> notifiers = List.of(
                Settings.of(NotifierType.SLACK, "slack-refusing", Receivers.url(receiver) + "/services/" + SLACK_KEY),
                withHeader(Settings.of(
                        NotifierType.WEBHOOK,
                        "webhook-failing",
                        Receivers.url(receiver) + "/failing?token=" + QUERY_TOKEN)),
                Settings.withTimeout(
                        Settings.of(
                                NotifierType.WEBHOOK,
                                "webhook-hanging",
                                Receivers.url(receiver) + "/hanging?token=" + QUERY_TOKEN),
                        Duration.ofMillis(300)),
                Settings.of(
                        NotifierType.ALERTMANAGER,
                        "alertmanager-down",
                        "http://127.0.0.1:" + closedPort + "/am?token=" + QUERY_TOKEN));
        PrometheusRegistry registry = new PrometheusRegistry();
        String logged;
        try (LogCapture log = new LogCapture()) {
            Notifications.Builder builder = Notifications.builder(
                            NotificationLog.inMemory(), NotificationMetrics.register(registry), Clock.systemUTC())
                    .policy(TestPolicies.fast());
            notifiers.forEach(builder::notifier);
            Notifications notifications = builder.build();
            for (EventKind kind : EventKind.values()) {
                notifications.publish(SampleEvents.of(kind));
            }
            notifications.awaitIdle(Duration.ofSeconds(30));
            notifications.close(Duration.ofSeconds(2));
            logged = log.text();
        }

        List<String> secrets = List.of(
                SLACK_KEY,
                "kq9ZrLs3cretSlackKey",
                QUERY_TOKEN,
                HEADER_TOKEN,
                "h3ader-token-value",
                Settings.SIGNING_SECRET,
                Settings.SIGNING_SECRET.substring("whsec_".length()));
        for (String secret : secrets) {
            assertThat(logged).doesNotContain(secret);
            assertThat(labelValues(registry)).noneMatch(v -> v.contains(secret));
        }
        assertThat(labelValues(registry)).noneMatch(v -> v.contains("127.0.0.1"));
        // What an operator does see: which notifier, which host, what went wrong.
        assertThat(logged)
                .contains("notifier=slack-refusing refused the recommendation for job orders-enrichment: HTTP 404 from "
                        + Receivers.url(receiver) + ": no_service: nothing at <secret>")
                .contains("HTTP 502 from " + Receivers.url(receiver) + ": bad gateway")
                .contains("no answer from " + Receivers.url(receiver) + " within 300ms")
                .contains("cannot connect to http://127.0.0.1:" + closedPort);
    }

    private static NotifierSettings withHeader(NotifierSettings s) {
        return new NotifierSettings(
                s.type(),
                s.name(),
                s.url(),
                s.signingSecret(),
                Map.of("Authorization", Secret.of(HEADER_TOKEN)),
                s.jobs(),
                s.events(),
                s.repeatInterval(),
                s.sendResolved(),
                s.timeout());
    }

    private static List<String> labelValues(PrometheusRegistry registry) {
        return MetricValues.of(registry).labelValues();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

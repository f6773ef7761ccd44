package dev.scalingadvisor.alerting.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.EventText;
import dev.scalingadvisor.alerting.delivery.NotificationMetrics;
import dev.scalingadvisor.alerting.delivery.Notifications;
import dev.scalingadvisor.alerting.delivery.TestPolicies;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.alerting.fixtures.Settings;
import dev.scalingadvisor.alerting.noise.NotificationLog;
import dev.scalingadvisor.alerting.notifier.NotifierType;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.testing.Golden;
import dev.scalingadvisor.testbed.alertmanager.AlertmanagerExtension;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real Alertmanager (Debian's prometheus-alertmanager) on 127.0.0.1, started by the testbed. */
class AlertmanagerIT {

    @RegisterExtension
    static AlertmanagerExtension alertmanager = new AlertmanagerExtension();

    private final OkHttpClient http = new OkHttpClient();
    private Notifications notifications;

    @BeforeEach
    void start() {
        notifications = Notifications.builder(
                        NotificationLog.inMemory(),
                        NotificationMetrics.register(new PrometheusRegistry()),
                        Clock.systemUTC())
                .policy(TestPolicies.fast())
                .notifier(Settings.of(NotifierType.ALERTMANAGER, "alertmanager", alertmanager.baseUrl()))
                .build();
    }

    @AfterEach
    void stop() {
        notifications.close(Duration.ofSeconds(2));
    }

    /** The sample events, but happening now: Alertmanager judges startsAt and endsAt by its own clock. */
    private static Event.Builder now(EventKind kind, String job) {
        Event sample = SampleEvents.of(kind);
        Event.Builder builder = Event.builder(
                kind, Instant.now().truncatedTo(ChronoUnit.SECONDS), sample.cluster(), new JobId("id-" + job), job);
        sample.changes().ifPresent(builder::changes);
        sample.rules().forEach(builder::rule);
        sample.policy().forEach(s -> builder.policyStep(s.step(), s.parallelism(), s.detail()));
        sample.guards().forEach(g -> builder.guard(g.name(), g.passed(), g.reason()));
        sample.steps().forEach(builder::step);
        sample.finding().ifPresent(builder::finding);
        sample.flinkJobUrl().ifPresent(builder::flinkJobUrl);
        return builder;
    }

    @Test
    void anOpenRecommendationIsAnActiveAlertUntilItResolves() throws Exception {
        Event recommendation =
                now(EventKind.RECOMMENDATION, "orders-enrichment").build();

        notifications.publish(recommendation);
        assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();

        JsonNode alert = single(alerts("FlinkScalingRecommendation", "orders-enrichment"));
        assertThat(Golden.parse(alert.get("labels").toString())).isEqualTo(Golden.parse("""
                {"alertname": "FlinkScalingRecommendation", "cluster": "prod-eu", "job_name": "orders-enrichment",
                 "job_id": "id-orders-enrichment", "direction": "up", "severity": "info"}"""));
        assertThat(alert.at("/status/state").asText()).isEqualTo("active");
        assertThat(alert.at("/annotations/summary").asText()).isEqualTo(EventText.summary(recommendation));
        assertThat(alert.at("/annotations/explanation").asText())
                .startsWith("Why:\n- backpressure on Enrich with customer profile 0.82 > 0.5 for 6m\n");
        assertThat(alert.at("/annotations/links").asText())
                .startsWith(
                        "Flink web UI: https://flink.prod-eu.example.com/#/job/running/3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f/overview\n"
                                + "backpressure on Enrich with customer profile: http://prometheus.internal:9090/graph?g0.expr=");
        assertThat(alert.get("generatorURL").asText()).startsWith("http://prometheus.internal:9090/graph?g0.expr=max");
        Instant endsAt = Instant.parse(alert.get("endsAt").asText());
        assertThat(endsAt)
                .isBetween(
                        recommendation.at().plus(Duration.ofMinutes(3)),
                        recommendation.at().plus(Duration.ofMinutes(5)));

        notifications.publish(
                now(EventKind.RECOMMENDATION_RESOLVED, "orders-enrichment").build());
        assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();

        // Alertmanager lists an alert whose endsAt has passed no more.
        assertThat(alerts("FlinkScalingRecommendation", "orders-enrichment")).isEmpty();
    }

    @Test
    void aFailedRescaleIsACriticalAlertAndProgressIsNoAlertAtAll() throws Exception {
        notifications.publish(now(EventKind.RESCALE_STARTED, "payments").build());
        notifications.publish(now(EventKind.RESCALE_FAILED, "payments").build());
        assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();

        JsonNode alert = single(alerts("FlinkRescaleFailed", "payments"));
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(alert.at("/annotations/summary").asText())
                .isEqualTo(
                        "[prod-eu] Rescale failed: payments 4 → 6 — submit failed after 2m: not enough task slots: 6 needed, 4 free");
        assertThat(alerts(null, "payments")).hasSize(1);
    }

    /** The active alerts, optionally of one alertname, for one job. */
    private List<JsonNode> alerts(String alertname, String job) throws IOException {
        Request request = new Request.Builder()
                .url(alertmanager.baseUrl() + "/api/v2/alerts?active=true")
                .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            List<JsonNode> matching = new ArrayList<>();
            for (JsonNode alert : Golden.parse(response.body().string())) {
                boolean nameMatches = alertname == null
                        || alert.at("/labels/alertname").asText().equals(alertname);
                if (nameMatches && alert.at("/labels/job_name").asText().equals(job)) {
                    matching.add(alert);
                }
            }
            return matching;
        }
    }

    private static JsonNode single(List<JsonNode> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}

package dev.scalingadvisor.alerting.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.delivery.DeliveryPolicy;
import dev.scalingadvisor.alerting.delivery.Metrics;
import dev.scalingadvisor.alerting.delivery.NotificationMetrics;
import dev.scalingadvisor.alerting.delivery.Notifications;
import dev.scalingadvisor.alerting.delivery.TestPolicies;
import dev.scalingadvisor.alerting.fixtures.LogCapture;
import dev.scalingadvisor.alerting.fixtures.Receivers;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.alerting.fixtures.Settings;
import dev.scalingadvisor.alerting.noise.NotificationLog;
import dev.scalingadvisor.alerting.notifier.NotifierType;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.testing.Golden;
import dev.scalingadvisor.core.testing.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WireMock stands in for a Slack incoming webhook. */
class SlackDeliveryIT {

    private static final String HOOK = "/services/T0ADVISOR/B0SCALING/xoxbSecretSlackHookKey";

    @RegisterExtension
    static WireMockExtension slack = Receivers.onLoopback();

    private final MutableClock clock = new MutableClock(SampleEvents.AT);
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Metrics read = new Metrics(registry);
    private Notifications notifications;

    private Notifications start(DeliveryPolicy policy) {
        notifications = Notifications.builder(NotificationLog.inMemory(), NotificationMetrics.register(registry), clock)
                .policy(policy)
                .notifier(Settings.of(NotifierType.SLACK, "team-data", Receivers.url(slack) + HOOK))
                .build();
        return notifications;
    }

    @AfterEach
    void stop() {
        if (notifications != null) {
            notifications.close(Duration.ofSeconds(2));
        }
    }

    private void answer(int status, String body) {
        slack.stubFor(post(urlPathEqualTo(HOOK))
                .willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private static Event recommendationFor(String job) {
        return Event.builder(
                        EventKind.RECOMMENDATION,
                        SampleEvents.AT,
                        Optional.of(new ClusterName("prod")),
                        new JobId("id-" + job),
                        job)
                .changes(SampleEvents.change(2, 4))
                .build();
    }

    @Test
    void postsTheReviewedMessageForEachKind() throws Exception {
        answer(200, "ok");
        start(TestPolicies.fast());

        for (EventKind kind : EventKind.values()) {
            notifications.publish(SampleEvents.of(kind));
        }

        assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();
        List<LoggedRequest> requests = Receivers.received(slack);
        assertThat(requests).hasSize(EventKind.values().length);
        for (int i = 0; i < requests.size(); i++) {
            EventKind kind = EventKind.values()[i];
            assertThat(requests.get(i).getHeader("Content-Type")).startsWith("application/json");
            Golden.assertMatches(
                    "slack/" + kind.spelling() + ".json",
                    Golden.parse(requests.get(i).getBodyAsString()));
        }
        assertThat(read.sent("team-data", "recommendation")).isEqualTo(1);
    }

    @Test
    void waitsAsLongAsRetryAfterSaysThenSucceeds() throws Exception {
        slack.stubFor(post(urlPathEqualTo(HOOK))
                .inScenario("rate limited")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "2")
                        .withBody("rate_limited"))
                .willSetStateTo("cooled down"));
        slack.stubFor(post(urlPathEqualTo(HOOK))
                .inScenario("rate limited")
                .whenScenarioStateIs("cooled down")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        start(TestPolicies.fast());

        notifications.publish(SampleEvents.of(EventKind.RECOMMENDATION));

        assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();
        List<LoggedRequest> requests = Receivers.received(slack);
        assertThat(requests).hasSize(2);
        long waitedMillis = requests.get(1).getLoggedDate().getTime()
                - requests.get(0).getLoggedDate().getTime();
        // The backoff alone would wait 10–50 ms; Retry-After asked for 2 s.
        assertThat(waitedMillis).isBetween(1_900L, 10_000L);
        assertThat(read.sent("team-data", "recommendation")).isEqualTo(1);
        assertThat(read.retried("team-data", "recommendation")).isEqualTo(1);
    }

    @Test
    void sendsAboutOneMessagePerSecondToOneWebhook() throws Exception {
        answer(200, "ok");
        start(TestPolicies.fast(3, Duration.ofMinutes(1), DeliveryPolicy.DEFAULTS.rateLimits()));

        for (int i = 0; i < 4; i++) {
            notifications.publish(recommendationFor("job-" + i));
        }

        assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();
        List<LoggedRequest> requests = Receivers.received(slack);
        assertThat(requests).hasSize(4);
        // Slack's limit works in one-second windows: four messages span at least three window boundaries.
        long spanMillis = requests.get(3).getLoggedDate().getTime()
                - requests.get(0).getLoggedDate().getTime();
        assertThat(spanMillis).isGreaterThanOrEqualTo(2_000L);
    }

    @Test
    void doesNotRetryABadRequestAndReportsItWithSlacksAnswer() throws Exception {
        answer(400, "invalid_blocks");
        start(TestPolicies.fast());

        try (LogCapture log = new LogCapture()) {
            notifications.publish(SampleEvents.of(EventKind.RECOMMENDATION));
            assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();

            assertThat(Receivers.received(slack)).hasSize(1);
            assertThat(log.text())
                    .containsOnlyOnce(
                            "WARN  NotifierDelivery [notifier-team-data] - notifier=team-data refused the recommendation"
                                    + " for job orders-enrichment: HTTP 400 from " + Receivers.url(slack)
                                    + ": invalid_blocks. Not retried;"
                                    + " the same notification is not sent again for 4h");
        }
        assertThat(read.failed("team-data", "recommendation", "rejected")).isEqualTo(1);
        assertThat(read.retried("team-data", "recommendation")).isEqualTo(0);
    }

    @Test
    void retriesServerErrorsThenOpensTheBreakerAndStopsCalling() throws Exception {
        answer(500, "rollup_error");
        start(TestPolicies.fast());

        try (LogCapture log = new LogCapture()) {
            notifications.publish(recommendationFor("job-1"));
            notifications.publish(recommendationFor("job-2"));
            notifications.publish(recommendationFor("job-3"));
            assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();

            // job-1: three attempts; job-2: one more failure trips the breaker (4 of 4 failed), its retry is refused;
            // job-3: not tried at all.
            assertThat(Receivers.received(slack)).hasSize(4);
            assertThat(log.text())
                    .contains(
                            "notifier=team-data destination=" + Receivers.url(slack)
                                    + ": circuit breaker open (100% of the last 4 deliveries failed); deliveries to it fail at once for 1m, then one is tried");
            assertThat(log.text())
                    .contains(
                            "notifier=team-data could not deliver the recommendation for job job-1 after 3 attempt(s): HTTP 500 from "
                                    + Receivers.url(slack) + ": rollup_error");
        }
        assertThat(read.retried("team-data", "recommendation")).isEqualTo(2);
        assertThat(read.failed("team-data", "recommendation", "retries-exhausted"))
                .isEqualTo(1);
        assertThat(read.failed("team-data", "recommendation", "breaker-open")).isEqualTo(2);
        assertThat(read.breaker("team-data", "open")).isEqualTo(1);
    }

    @Test
    void triesAgainOnceTheBreakerHasWaitedAndClosesItWhenTheReceiverRecovered() throws Exception {
        answer(503, "");
        start(TestPolicies.fast(1, Duration.ofMillis(500), Map.of()));
        for (int i = 0; i < 4; i++) {
            notifications.publish(recommendationFor("job-" + i));
        }
        assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(read.breaker("team-data", "open")).isEqualTo(1);

        answer(200, "ok");
        Thread.sleep(700);
        notifications.publish(recommendationFor("job-0"));

        assertThat(notifications.awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(read.sent("team-data", "recommendation")).isEqualTo(1);
        assertThat(read.breaker("team-data", "closed")).isEqualTo(1);
    }
}

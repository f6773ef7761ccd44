package dev.scalingadvisor.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.fixtures.LogCapture;
import dev.scalingadvisor.alerting.fixtures.RecordingNotifier;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.alerting.fixtures.Settings;
import dev.scalingadvisor.alerting.noise.NotificationLog;
import dev.scalingadvisor.alerting.notifier.DeliveryOutcome;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.alerting.notifier.NotifierType;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.testing.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotificationsTest {

    private final MutableClock clock = new MutableClock(SampleEvents.AT);
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final NotificationMetrics metrics = NotificationMetrics.register(registry);
    private final Metrics read = new Metrics(registry);
    private final RecordingNotifier team = new RecordingNotifier();
    private Notifications notifications;

    @AfterEach
    void stop() {
        team.open();
        if (notifications != null) {
            notifications.close(Duration.ofSeconds(5));
        }
    }

    private Notifications start(NotifierSettings settings, DeliveryPolicy policy) {
        notifications = Notifications.builder(NotificationLog.inMemory(), metrics, clock)
                .policy(policy)
                .notifier(settings, team)
                .build();
        return notifications;
    }

    private static NotifierSettings teamWebhook() {
        return Settings.of(NotifierType.WEBHOOK, "team", "https://hooks.example.com/scaling");
    }

    private static Event recommendationFor(String job, int target) {
        return SampleEvents.ofJob(EventKind.RECOMMENDATION, job)
                .changes(SampleEvents.change(2, target))
                .build();
    }

    @Test
    void publishReturnsAtOnceWhileTheReceiverHangs() throws Exception {
        team.blocked();
        start(teamWebhook(), TestPolicies.fast());

        long slowest = 0;
        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            notifications.publish(recommendationFor("job-" + i, 4));
            slowest = Math.max(slowest, System.nanoTime() - start);
        }

        // Generous for two busy shared cores (a publish is a few map lookups and a queue offer), and far
        // below the minute the receiver would hold it up.
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(1));
        team.open();
        assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void dropsTheOldestWhenTheQueueIsFullAndCountsIt() throws Exception {
        team.blocked();
        start(teamWebhook(), TestPolicies.withQueueCapacity(TestPolicies.fast(), 3));
        notifications.publish(recommendationFor("job-1", 4));
        // Once job-1 is in flight the queue holds exactly the next three.
        team.awaitFirstDelivery();

        for (int i = 2; i <= 6; i++) {
            notifications.publish(recommendationFor("job-" + i, 4));
        }
        team.open();

        assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(team.attempts()).extracting(Event::jobName).containsExactly("job-1", "job-4", "job-5", "job-6");
        assertThat(read.dropped("team", "recommendation", "queue-full")).isEqualTo(2);
        assertThat(read.sent("team", "recommendation")).isEqualTo(4);
    }

    @Test
    void queuesTheSameNotificationOnceWhileTheReceiverIsSlow() throws Exception {
        team.blocked();
        start(teamWebhook(), TestPolicies.fast());

        for (int cycle = 0; cycle < 10; cycle++) {
            notifications.publish(SampleEvents.of(EventKind.RECOMMENDATION));
            clock.advance(Duration.ofSeconds(15));
        }
        team.open();

        assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(team.attempts()).hasSize(1);
        assertThat(read.suppressed("team", "recommendation")).isEqualTo(9);
    }

    @Test
    void sendsOnlyTheJobsAndKindsANotifierIsRoutedTo() throws Exception {
        NotifierSettings s = teamWebhook();
        NotifierSettings ordersOnly = new NotifierSettings(
                s.type(),
                s.name(),
                s.url(),
                s.signingSecret(),
                s.headers(),
                Optional.of(JobNamePattern.of("orders.*")),
                EnumSet.of(EventKind.RECOMMENDATION),
                s.repeatInterval(),
                true,
                s.timeout());
        start(ordersOnly, TestPolicies.fast());

        notifications.publish(recommendationFor("orders-enrichment", 4));
        notifications.publish(recommendationFor("payments", 4));
        notifications.publish(recommendationFor("shop-orders", 4));
        notifications.publish(SampleEvents.of(EventKind.FINDING));

        assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(team.attempts()).extracting(Event::jobName).containsExactly("orders-enrichment");
    }

    @Test
    void retriesAFailedAttemptThenDelivers() throws Exception {
        team.thenAnswer(DeliveryOutcome.retry("HTTP 503"), DeliveryOutcome.retry("timeout"));
        start(teamWebhook(), TestPolicies.fast());

        notifications.publish(SampleEvents.of(EventKind.RECOMMENDATION));

        assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(team.attempts()).hasSize(3);
        assertThat(read.sent("team", "recommendation")).isEqualTo(1);
        assertThat(read.retried("team", "recommendation")).isEqualTo(2);
    }

    @Test
    void givesUpAfterTheLastAttemptAndTriesAgainWhenPublishedAgain() throws Exception {
        team.thenAnswer(
                DeliveryOutcome.retry("HTTP 503"),
                DeliveryOutcome.retry("HTTP 503"),
                DeliveryOutcome.retry("HTTP 503"));
        start(teamWebhook(), TestPolicies.fast());

        notifications.publish(SampleEvents.of(EventKind.RECOMMENDATION));
        assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
        notifications.publish(SampleEvents.of(EventKind.RECOMMENDATION));
        assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(team.attempts()).hasSize(4);
        assertThat(read.failed("team", "recommendation", "retries-exhausted")).isEqualTo(1);
        assertThat(read.sent("team", "recommendation")).isEqualTo(1);
    }

    @Test
    void doesNotSitOutARetryAfterLongerThanItsLimit() throws Exception {
        team.thenAnswer(new DeliveryOutcome.RetryAfter(
                Optional.of(Duration.ofHours(1)), "HTTP 429 from https://hooks.example.com"));
        start(teamWebhook(), TestPolicies.fast());

        try (LogCapture log = new LogCapture()) {
            notifications.publish(SampleEvents.of(EventKind.RECOMMENDATION));
            assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();

            assertThat(team.attempts()).hasSize(1);
            assertThat(read.failed("team", "recommendation", "retries-exhausted"))
                    .isEqualTo(1);
            assertThat(log.text())
                    .contains(
                            "notifier=team could not deliver the recommendation for job orders-enrichment after 1 attempt(s):"
                                    + " HTTP 429 from https://hooks.example.com (it asked to wait 1h, longer than 5s). It goes out again if the advisor publishes it again");
        }
    }

    @Test
    void doesNotRetryARefusalNorRepeatItEveryCycle() throws Exception {
        team.thenAnswer(new DeliveryOutcome.Rejected("HTTP 400 from https://hooks.example.com: invalid_payload"));
        start(teamWebhook(), TestPolicies.fast());

        try (LogCapture log = new LogCapture()) {
            notifications.publish(SampleEvents.of(EventKind.RECOMMENDATION));
            assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
            clock.advance(Duration.ofSeconds(15));
            notifications.publish(SampleEvents.of(EventKind.RECOMMENDATION));
            assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();

            assertThat(team.attempts()).hasSize(1);
            assertThat(read.failed("team", "recommendation", "rejected")).isEqualTo(1);
            assertThat(log.text())
                    .containsOnlyOnce(
                            "notifier=team refused the recommendation for job orders-enrichment: HTTP 400 from https://hooks.example.com: invalid_payload."
                                    + " Not retried; the same notification is not sent again for 4h");
        }
    }

    @Test
    void opensTheBreakerAfterRepeatedFailuresAndStopsTrying() throws Exception {
        for (int i = 0; i < 10; i++) {
            team.thenAnswer(DeliveryOutcome.retry("HTTP 500"));
        }
        start(teamWebhook(), TestPolicies.fast());

        // Three failed attempts, then the fourth trips the breaker (4 calls, 100 % failed): its retry is refused.
        notifications.publish(recommendationFor("job-1", 4));
        notifications.publish(recommendationFor("job-2", 4));
        notifications.publish(recommendationFor("job-3", 4));

        assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(team.attempts()).extracting(Event::jobName).containsExactly("job-1", "job-1", "job-1", "job-2");
        assertThat(read.failed("team", "recommendation", "retries-exhausted")).isEqualTo(1);
        assertThat(read.failed("team", "recommendation", "breaker-open")).isEqualTo(2);
        assertThat(read.breaker("team", "open")).isEqualTo(1);
        assertThat(read.breaker("team", "closed")).isEqualTo(0);
    }

    @Test
    void deliversWhatIsQueuedWhenClosedWithinTheDeadline() {
        start(teamWebhook(), TestPolicies.fast());
        for (int i = 0; i < 5; i++) {
            notifications.publish(recommendationFor("job-" + i, 4));
        }

        notifications.close(Duration.ofSeconds(5));

        assertThat(team.attempts()).hasSize(5);
    }

    @Test
    void givesUpOnAHangingReceiverAtTheDeadlineAndCountsWhatWasLost() {
        team.blocked();
        start(teamWebhook(), TestPolicies.fast());
        for (int i = 0; i < 4; i++) {
            notifications.publish(recommendationFor("job-" + i, 4));
        }

        long start = System.nanoTime();
        notifications.close(Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(read.dropped("team", "recommendation", "shutdown")
                        + read.failed("team", "recommendation", "shutdown"))
                .isEqualTo(4);
        assertThat(team.attempts()).isEmpty();
    }

    @Test
    void aRetiredSetReturnsAtOnceAndDeliversWhatWasQueuedOnceItsSlowReceiverAnswers() throws Exception {
        team.blocked();
        start(teamWebhook(), TestPolicies.fast());
        for (int i = 0; i < 3; i++) {
            notifications.publish(recommendationFor("job-" + i, 4));
        }
        team.awaitFirstDelivery();

        long start = System.nanoTime();
        notifications.retire(Duration.ofMinutes(1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        notifications.publish(recommendationFor("after-the-reload", 4));
        // Longer than the 2 s a reload used to give the replaced notifiers before it dropped what they held.
        Thread.sleep(2_500);
        team.open();

        assertThat(took).as("a reload does not wait for the receiver").isLessThan(Duration.ofSeconds(1));
        awaitStopped(Duration.ofSeconds(10));
        assertThat(team.attempts())
                .extracting(Event::jobName)
                .as("the one in flight and the two queued behind it; nothing published after the retirement")
                .containsExactly("job-0", "job-1", "job-2");
        assertThat(read.dropped("team", "recommendation", "shutdown")
                        + read.failed("team", "recommendation", "shutdown"))
                .isZero();
    }

    @Test
    void closingARetiredSetBringsTheEndOfItsDrainForward() {
        team.blocked();
        start(teamWebhook(), TestPolicies.fast());
        for (int i = 0; i < 2; i++) {
            notifications.publish(recommendationFor("job-" + i, 4));
        }
        notifications.retire(Duration.ofMinutes(5));

        long start = System.nanoTime();
        notifications.close(Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took)
                .as("the daemon stopping does not wait the reload's five minutes")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(notifications.isStopped()).isTrue();
        assertThat(read.dropped("team", "recommendation", "shutdown")
                        + read.failed("team", "recommendation", "shutdown"))
                .isEqualTo(2);
    }

    private void awaitStopped(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!notifications.isStopped() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(notifications.isStopped())
                .as("the retired set stopped once it had delivered")
                .isTrue();
    }

    @Test
    void ignoresWhatIsPublishedAfterClose() {
        start(teamWebhook(), TestPolicies.fast());
        notifications.close(Duration.ofSeconds(1));

        notifications.publish(SampleEvents.of(EventKind.RECOMMENDATION));

        assertThat(team.attempts()).isEmpty();
    }
}

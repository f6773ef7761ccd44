package dev.scalingadvisor.alerting.noise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.delivery.Metrics;
import dev.scalingadvisor.alerting.delivery.NotificationMetrics;
import dev.scalingadvisor.alerting.delivery.Notifications;
import dev.scalingadvisor.alerting.delivery.TestPolicies;
import dev.scalingadvisor.alerting.fixtures.RecordingNotifier;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.alerting.fixtures.Settings;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.alerting.notifier.NotifierType;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.testing.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The noise rules as documented: the same recommendation for the same job at most once per
 * repeatInterval unless its target changes; a resolution only where the recommendation went.
 * The evaluation cycle publishes every 15 s while a condition holds; the clock is moved by hand.
 */
class RepeatIntervalTest {

    private static final Duration CYCLE = Duration.ofSeconds(15);

    private final MutableClock clock = new MutableClock(SampleEvents.AT);
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Metrics read = new Metrics(registry);
    private final RecordingNotifier slack = new RecordingNotifier();
    private final RecordingNotifier quiet = new RecordingNotifier();
    private Notifications notifications;

    private void start(NotificationLog log, NotifierSettings... settings) {
        Notifications.Builder builder = Notifications.builder(log, NotificationMetrics.register(registry), clock)
                .policy(TestPolicies.fast());
        builder.notifier(settings[0], slack);
        if (settings.length > 1) {
            builder.notifier(settings[1], quiet);
        }
        notifications = builder.build();
    }

    @AfterEach
    void stop() {
        notifications.close(Duration.ofSeconds(5));
    }

    private static NotifierSettings slack(Duration repeatInterval) {
        return Settings.withRepeat(
                Settings.of(NotifierType.SLACK, "team", "https://hooks.slack.com/services/T1/B1/k"), repeatInterval);
    }

    /** What the cycle publishes at the clock's time. */
    private Event recommendation(int target) {
        return SampleEvents.changeAt(EventKind.RECOMMENDATION, clock.instant(), 4, target);
    }

    private Event resolved() {
        return SampleEvents.changeAt(EventKind.RECOMMENDATION_RESOLVED, clock.instant(), 4, 6);
    }

    private void cycle(Event event) throws InterruptedException {
        notifications.publish(event);
        assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
        clock.advance(CYCLE);
    }

    private void cyclesFor(Duration duration, int target) throws InterruptedException {
        Instant end = clock.instant().plus(duration);
        while (clock.instant().isBefore(end)) {
            cycle(recommendation(target));
        }
    }

    @Test
    void sendsTheSameRecommendationOncePerRepeatInterval() throws Exception {
        start(NotificationLog.inMemory(), slack(Duration.ofHours(4)));

        cyclesFor(Duration.ofHours(4), 6);
        assertThat(slack.attempts()).hasSize(1);
        assertThat(read.suppressed("team", "recommendation")).isEqualTo(4 * 60 * 4 - 1);

        cycle(recommendation(6));
        assertThat(slack.attempts()).hasSize(2);
        assertThat(slack.attempts().get(1).at()).isEqualTo(SampleEvents.AT.plus(Duration.ofHours(4)));
    }

    @Test
    void sendsAtOnceWhenTheTargetChanges() throws Exception {
        start(NotificationLog.inMemory(), slack(Duration.ofHours(4)));

        cyclesFor(Duration.ofMinutes(10), 6);
        cyclesFor(Duration.ofMinutes(10), 8);
        cyclesFor(Duration.ofMinutes(10), 6);

        assertThat(slack.attempts())
                .extracting(e -> e.headline().orElseThrow().to())
                .containsExactly(6, 8, 6);
    }

    @Test
    void sendsEveryCycleWithARepeatIntervalOfZero() throws Exception {
        start(NotificationLog.inMemory(), slack(Duration.ZERO));

        cyclesFor(Duration.ofMinutes(1), 6);

        assertThat(slack.attempts()).hasSize(4);
    }

    @Test
    void resolvesOnlyWhereTheRecommendationWentAndThenTheNextOneIsNews() throws Exception {
        start(NotificationLog.inMemory(), slack(Duration.ofHours(4)));

        cycle(resolved());
        assertThat(slack.attempts()).isEmpty();

        cyclesFor(Duration.ofMinutes(5), 6);
        cycle(resolved());
        cycle(resolved());
        cyclesFor(Duration.ofMinutes(1), 6);

        assertThat(slack.attempts())
                .extracting(Event::kind)
                .containsExactly(EventKind.RECOMMENDATION, EventKind.RECOMMENDATION_RESOLVED, EventKind.RECOMMENDATION);
    }

    @Test
    void aNotifierWithoutSendResolvedStaysQuietButStillTreatsTheNextRecommendationAsNews() throws Exception {
        NotifierSettings s = Settings.of(NotifierType.WEBHOOK, "ops", "https://hooks.example.com/x");
        NotifierSettings noResolved = Settings.withoutResolved(s);
        start(NotificationLog.inMemory(), slack(Duration.ofHours(4)), noResolved);

        cyclesFor(Duration.ofMinutes(5), 6);
        cycle(resolved());
        cyclesFor(Duration.ofMinutes(1), 6);

        assertThat(quiet.attempts())
                .extracting(Event::kind)
                .containsExactly(EventKind.RECOMMENDATION, EventKind.RECOMMENDATION);
        assertThat(slack.attempts())
                .extracting(Event::kind)
                .containsExactly(EventKind.RECOMMENDATION, EventKind.RECOMMENDATION_RESOLVED, EventKind.RECOMMENDATION);
    }

    @Test
    void keepsEachNotifiersRepeatIntervalApart() throws Exception {
        NotifierSettings hourly = Settings.withRepeat(
                Settings.of(NotifierType.WEBHOOK, "ops", "https://hooks.example.com/x"), Duration.ofHours(1));
        start(NotificationLog.inMemory(), slack(Duration.ofHours(4)), hourly);

        cyclesFor(Duration.ofHours(4), 6);

        assertThat(slack.attempts()).hasSize(1);
        assertThat(quiet.attempts()).hasSize(4);
    }

    @Test
    void treatsTheSameRecommendationForAnotherJobAsNews() throws Exception {
        start(NotificationLog.inMemory(), slack(Duration.ofHours(4)));

        cycle(recommendation(6));
        cycle(Event.builder(
                        EventKind.RECOMMENDATION,
                        clock.instant(),
                        SampleEvents.CLUSTER,
                        new dev.scalingadvisor.core.job.JobId("ffff0000ffff0000ffff0000ffff0000"),
                        "payments")
                .changes(SampleEvents.change(4, 6))
                .build());

        assertThat(slack.attempts()).extracting(Event::jobName).containsExactly("orders-enrichment", "payments");
    }
}

package dev.scalingadvisor.alerting.noise;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlNotificationLogTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(SampleEvents.AT);
    private final NotifierSettings slack =
            Settings.of(NotifierType.SLACK, "team", "https://hooks.slack.com/services/T1/B1/k");

    private Connection open() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
    }

    /** One daemon run: opens the state database, publishes one recommendation, stops. Returns the receiver. */
    private RecordingNotifier runDaemonOnce() throws Exception {
        RecordingNotifier receiver = new RecordingNotifier();
        try (Connection connection = open()) {
            Notifications notifications = Notifications.builder(
                            new SqlNotificationLog(connection),
                            NotificationMetrics.register(new PrometheusRegistry()),
                            clock)
                    .policy(TestPolicies.fast())
                    .notifier(slack, receiver)
                    .build();
            notifications.publish(SampleEvents.changeAt(EventKind.RECOMMENDATION, clock.instant(), 4, 6));
            notifications.close(Duration.ofSeconds(5));
        }
        return receiver;
    }

    @Test
    void repeatIntervalHoldsAcrossADaemonRestart() throws Exception {
        assertThat(runDaemonOnce().attempts()).hasSize(1);

        clock.advance(Duration.ofHours(1));
        assertThat(runDaemonOnce().attempts()).as("restarted an hour later").isEmpty();

        clock.advance(Duration.ofHours(3));
        assertThat(runDaemonOnce().attempts())
                .as("restarted four hours after the first")
                .hasSize(1);
    }

    @Test
    void forgetsAResolvedConditionForGood() throws Exception {
        try (Connection connection = open()) {
            SqlNotificationLog log = new SqlNotificationLog(connection);
            log.record(new NotificationLog.Entry("team", "recommendation/prod/j", "up 4->6", SampleEvents.AT));
            log.record(new NotificationLog.Entry(
                    "team", "finding/prod/j", "none", SampleEvents.AT.minus(Duration.ofDays(40))));
            log.forget("team", "recommendation/prod/j");
            log.forgetBefore(SampleEvents.AT.minus(Duration.ofDays(31)));
        }
        try (Connection connection = open()) {
            SqlNotificationLog reopened = new SqlNotificationLog(connection);
            assertThat(reopened.last("team", "recommendation/prod/j")).isEmpty();
            assertThat(reopened.last("team", "finding/prod/j")).isEmpty();
        }
    }

    @Test
    void keepsEntriesToTheMillisecond() throws Exception {
        Instant at = Instant.parse("2025-05-06T09:30:00.123Z");
        try (Connection connection = open()) {
            new SqlNotificationLog(connection).record(new NotificationLog.Entry("team", "k", "f", at));
        }
        try (Connection connection = open()) {
            assertThat(new SqlNotificationLog(connection).last("team", "k"))
                    .contains(new NotificationLog.Entry("team", "k", "f", at));
        }
    }
}

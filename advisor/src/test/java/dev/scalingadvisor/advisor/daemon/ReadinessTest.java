package dev.scalingadvisor.advisor.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.cycle.CycleHealth;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code /readyz} names the real cause (issue 14, defect 0: a failed cycle was reported as Prometheus not answering);
 * {@code /healthz} fails when the evaluation loop is stuck in a cycle or has stopped running cycles (defect 6: a
 * clock stepped back stalled evaluation while {@code /healthz} stayed 200), on monotonic time.
 */
class ReadinessTest {

    private final AtomicLong nanos = new AtomicLong(123_456_789L);
    private final Readiness readiness = new Readiness(nanos::get);

    @Test
    void aCycleThatFailedSaysWhyAndDoesNotBlamePrometheus() {
        readiness.configLoaded();
        readiness.cycleStarted();

        readiness.cycleFailed("IllegalArgumentException: Java 8 optional type not supported");

        assertThat(readiness.notReadyReason())
                .hasValue(
                        "the last evaluation cycle failed: IllegalArgumentException: Java 8 optional type not supported");
    }

    @Test
    void aCycleWhosePartsFailedIsReadyAndNamesThePartsAndTheStoppedJobs() {
        readiness.configLoaded();
        readiness.notesFrom(() -> List.of("paused: job orders until 12:00"));

        readiness.cycleFinished(new CycleHealth(
                Optional.empty(),
                List.of("delivering the finding cpu-saturated of job orders failed: IllegalStateException: boom"),
                List.of("job payments on cluster prod may be stopped: rescale operation 42 is open")));

        assertThat(readiness.notReadyReason()).isEmpty();
        assertThat(readiness.notes())
                .containsExactly(
                        "paused: job orders until 12:00",
                        "warning: job payments on cluster prod may be stopped: rescale operation 42 is open",
                        "warning: delivering the finding cpu-saturated of job orders failed: IllegalStateException: boom");
    }

    @Test
    void prometheusNotAnsweringIsStillNotReadyAndGoesWhenItAnswers() {
        readiness.configLoaded();

        readiness.cycleFinished(new CycleHealth(Optional.of("connection refused"), List.of(), List.of()));
        assertThat(readiness.notReadyReason())
                .hasValue("Prometheus did not answer in the last cycle: connection refused");

        readiness.cycleFinished(new CycleHealth(Optional.empty(), List.of(), List.of()));
        assertThat(readiness.notReadyReason()).isEmpty();
        assertThat(readiness.notes()).isEmpty();
    }

    private static final Duration LIMIT = Duration.ofMinutes(5);

    @Test
    void aLoopThatStopsRunningCyclesIsUnhealthyUntilACycleEndsAgain() {
        readiness.cycleStarted();
        readiness.cycleFinished(new CycleHealth(Optional.empty(), List.of(), List.of()));

        nanos.addAndGet(LIMIT.toNanos());
        assertThat(readiness.stuckReason(LIMIT)).isEmpty();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(readiness.stuckReason(LIMIT)).hasValue("no evaluation cycle has run for 301 s");

        readiness.cycleStarted();
        readiness.cycleFailed("interrupted");
        assertThat(readiness.stuckReason(LIMIT)).isEmpty();
    }

    @Test
    void aDaemonWhoseFirstCycleNeverComesIsUnhealthy() {
        nanos.addAndGet(LIMIT.plusSeconds(30).toNanos());

        assertThat(readiness.stuckReason(LIMIT)).hasValue("no evaluation cycle has run for 330 s");
    }

    @Test
    void aCycleRunningPastTheLimitIsStuck() {
        readiness.cycleStarted();
        nanos.addAndGet(LIMIT.minusSeconds(1).toNanos());
        assertThat(readiness.stuckReason(LIMIT)).isEmpty();

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(readiness.stuckReason(LIMIT)).hasValue("the evaluation cycle has been running for 301 s");
    }
}

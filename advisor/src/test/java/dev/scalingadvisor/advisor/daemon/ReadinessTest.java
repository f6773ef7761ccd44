package dev.scalingadvisor.advisor.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.cycle.CycleHealth;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /readyz} names the real cause (issue 14, defect 0: a failed cycle was reported as Prometheus not answering). */
class ReadinessTest {

    private final Readiness readiness = new Readiness(Clock.systemUTC());

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
}

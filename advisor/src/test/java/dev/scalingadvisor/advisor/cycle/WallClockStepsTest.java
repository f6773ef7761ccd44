package dev.scalingadvisor.advisor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WallClockStepsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final JobId JOB = new JobId("a1b2");

    /** Monotonic nanoseconds, moved by the test. */
    private long nanos = 1_000_000_000L;

    /** The wall clock, set by the test. */
    private final MutableClock wall = new MutableClock(T0);

    private final WallClockSteps steps = new WallClockSteps(wall, () -> nanos);

    /** One cycle's reading, with the wall clock at {@code now}. */
    private Duration stepAt(Instant now) {
        wall.advance(Duration.between(wall.instant(), now));
        return steps.step();
    }

    @Test
    void aStepOfAnHourEitherWayIsMeasuredAgainstTheMonotonicClock() {
        assertThat(stepAt(T0)).as("nothing to compare with at the first cycle").isZero();

        nanos += INTERVAL.toNanos();
        assertThat(stepAt(T0.plus(INTERVAL))).isZero();

        nanos += INTERVAL.toNanos();
        assertThat(stepAt(T0.plus(INTERVAL.multipliedBy(2)).plus(Duration.ofHours(1))))
                .isEqualTo(Duration.ofHours(1));

        nanos += INTERVAL.toNanos();
        assertThat(stepAt(T0.plus(INTERVAL.multipliedBy(3))))
                .as("set back to where it was")
                .isEqualTo(Duration.ofHours(-1));
    }

    @Test
    void aCycleThatRanLateOrAClockSlewedByNtpIsNoStep() {
        stepAt(T0);

        nanos += Duration.ofMinutes(3).toNanos();
        assertThat(stepAt(T0.plus(Duration.ofMinutes(3))))
                .as("late, but both clocks agree")
                .isZero();

        nanos += INTERVAL.toNanos();
        assertThat(stepAt(T0.plus(Duration.ofMinutes(3)).plus(INTERVAL).plusMillis(400)))
                .as("0.4 s apart is reading the clocks a moment apart, not a step")
                .isZero();
    }

    @Test
    void aStartTimeAndARescaleReadBeforeAStepAreMovedWithTheMemoryAndNewOnesAreTakenAsTheyAre() {
        Instant started = T0.minus(Duration.ofMinutes(2));
        Instant rescaled = T0.minus(Duration.ofMinutes(1));
        stepAt(T0);
        assertThat(steps.onCycleTime(Map.of(JOB, facts(started, rescaled))))
                .containsEntry(JOB, facts(started, rescaled));

        nanos += INTERVAL.toNanos();
        stepAt(T0.plus(INTERVAL).plus(Duration.ofHours(1)));

        assertThat(steps.onCycleTime(Map.of(JOB, facts(started, rescaled))))
                .as("Flink and the journal still say what they said before the step")
                .containsEntry(JOB, facts(started.plus(Duration.ofHours(1)), rescaled.plus(Duration.ofHours(1))));

        nanos += INTERVAL.toNanos();
        stepAt(T0.plus(INTERVAL.multipliedBy(2)).plus(Duration.ofHours(1)).minus(Duration.ofMinutes(30)));
        Instant restarted = T0.plus(Duration.ofMinutes(40));

        assertThat(steps.onCycleTime(Map.of(JOB, facts(restarted, rescaled))))
                .as("a restart read after the steps is on the new time line; the old rescale moved by both steps")
                .containsEntry(JOB, facts(restarted, rescaled.plus(Duration.ofMinutes(30))));
    }

    @Test
    void aJobMissingFromOneCyclesFactsKeepsItsMovedInstantsUntilTheEngineForgetsIt() {
        Instant started = T0.minus(Duration.ofMinutes(2));
        stepAt(T0);
        steps.onCycleTime(Map.of(JOB, facts(started, null)));

        nanos += INTERVAL.toNanos();
        stepAt(T0.plus(INTERVAL).plus(Duration.ofHours(1)));
        steps.onCycleTime(Map.of()); // its cluster could not be read this cycle

        nanos += INTERVAL.toNanos();
        stepAt(T0.plus(INTERVAL.multipliedBy(2)).plus(Duration.ofHours(1)));
        assertThat(steps.onCycleTime(Map.of(JOB, facts(started, null))))
                .containsEntry(JOB, facts(started.plus(Duration.ofHours(1)), null));

        steps.keepOnly(Set.of());
        assertThat(steps.onCycleTime(Map.of(JOB, facts(started, null)))).containsEntry(JOB, facts(started, null));
    }

    private static JobFacts facts(Instant startedAt, Instant lastRescaleAt) {
        return new JobFacts(
                Optional.of("orders"),
                Optional.of(startedAt),
                Map.of(),
                Optional.ofNullable(lastRescaleAt),
                OptionalInt.empty());
    }
}

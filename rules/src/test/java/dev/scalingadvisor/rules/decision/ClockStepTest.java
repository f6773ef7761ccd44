package dev.scalingadvisor.rules.decision;

import static dev.scalingadvisor.rules.decision.JobStateMachineTest.backpressuredJob;
import static dev.scalingadvisor.rules.decision.JobTimeline.BACKPRESSURE;
import static dev.scalingadvisor.rules.decision.JobTimeline.BUSY_LOW;
import static dev.scalingadvisor.rules.decision.JobTimeline.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.rules.explain.DecisionGuard;
import dev.scalingadvisor.rules.rule.RuleStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wall clock stepped by an hour between two cycles (the daemon moves the engine's memory by the step it measured
 * on its monotonic clock, {@code JobMemory.movedBy}): a rule's {@code for}, a cooldown and stabilization last the time
 * they are set to, counted in cycles that really passed, whichever way the clock went.
 */
class ClockStepTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @ParameterizedTest
    @ValueSource(longs = {3600, -3600})
    void aRuleFiresAfterItsForOfRealTimeWhenTheClockStepsInBetween(long stepSeconds) {
        JobTimeline job = backpressuredJob();
        job.runFor(Duration.ofSeconds(30)); // two cycles: pending for 15 s of its 1 m
        assertThat(job.state.rule(BACKPRESSURE).status()).isEqualTo(RuleStatus.PENDING);

        job.clockStepped(Duration.ofSeconds(stepSeconds));
        Instant afterStep = job.now;
        JobStep next = job.step();

        assertThat(next.state().rule(BACKPRESSURE).status())
                .as("30 s of 1 m have passed, not an hour more or less")
                .isEqualTo(RuleStatus.PENDING);
        job.until(JobPhase.DECIDED, Duration.ofMinutes(2));
        assertThat(job.lastAt())
                .as("fires at the fifth cycle, 1 m after the first, as without a step")
                .isEqualTo(afterStep.plus(Duration.ofSeconds(30)));
    }

    @Test
    void withoutMovingTheMemoryAForwardStepWouldFireTheRuleAtOnce() {
        JobTimeline job = backpressuredJob();
        job.runFor(Duration.ofSeconds(30));

        job.now = job.now.plus(HOUR);

        assertThat(job.step().phase())
                .as("what the daemon did before it measured steps: the hour counts as time the rule held")
                .isEqualTo(JobPhase.DECIDED);
    }

    @ParameterizedTest
    @ValueSource(longs = {3600, -3600})
    void aCooldownLastsItsTimeWhenTheClockStepsDuringIt(long stepSeconds) {
        JobTimeline job = backpressuredJob();
        job.until(JobPhase.DECIDED, Duration.ofMinutes(5));
        job.vertex("counter").parallelism = 4;
        job.vertex("counter").throughput = 1900;
        job.step();
        Instant rescaledAt = job.lastAt();
        job.runFor(Duration.ofMinutes(1));

        job.clockStepped(Duration.ofSeconds(stepSeconds));
        JobStep stepped = job.step();

        assertThat(stepped.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(stepped.decision().explanation().blockedBy()).get().satisfies(b -> {
            assertThat(b.guard()).isEqualTo(DecisionGuard.SCALE_UP_COOLDOWN);
            assertThat(b.until())
                    .as("the cooldown ends 5 m after the rescale, on the new time line")
                    .contains(rescaledAt.plusSeconds(stepSeconds).plus(Duration.ofMinutes(5)));
        });
        job.until(JobPhase.DECIDED, Duration.ofMinutes(10));
        assertThat(job.lastAt()).isEqualTo(rescaledAt.plusSeconds(stepSeconds).plus(Duration.ofMinutes(5)));
    }

    @ParameterizedTest
    @ValueSource(longs = {3600, -3600})
    void stabilizationLastsItsTimeWhenTheClockStepsDuringIt(long stepSeconds) {
        JobTimeline job = backpressuredJob();
        job.startedAt = Optional.of(T0);
        job.runFor(Duration.ofMinutes(1));

        job.clockStepped(Duration.ofSeconds(stepSeconds));
        JobStep stepped = job.step();

        assertThat(stepped.phase()).isEqualTo(JobPhase.STABILIZING);
        job.until(JobPhase.DECIDED, Duration.ofMinutes(10));
        assertThat(job.lastAt())
                .as("stabilization 3 m, then the full for of 1 m, from the start on the new time line")
                .isEqualTo(T0.plusSeconds(stepSeconds).plus(Duration.ofMinutes(4)));
    }

    @Test
    void aPendingScaleDownWaitsOutItsDelayInRealTimeWhenTheClockStepsForward() {
        JobTimeline job = new JobTimeline()
                .vertex("counter", 8, 100, 0)
                .value(BACKPRESSURE, 0.0)
                .value(BUSY_LOW, 100.0);
        job.until(JobPhase.DOWN_CANDIDATE, Duration.ofMinutes(5));
        Instant pendingFrom = job.lastAt();
        Duration delay = job.settings.scaleDownDelay();

        job.clockStepped(HOUR);
        JobStep stepped = job.step();

        assertThat(stepped.phase()).isEqualTo(JobPhase.DOWN_CANDIDATE);
        job.until(JobPhase.DECIDED, delay.plus(Duration.ofMinutes(5)));
        assertThat(job.lastAt()).isEqualTo(pendingFrom.plus(HOUR).plus(delay));
    }
}

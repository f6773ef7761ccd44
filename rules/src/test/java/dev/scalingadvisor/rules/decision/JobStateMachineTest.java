package dev.scalingadvisor.rules.decision;

import static dev.scalingadvisor.rules.decision.JobTimeline.BACKPRESSURE;
import static dev.scalingadvisor.rules.decision.JobTimeline.BUSY_LOW;
import static dev.scalingadvisor.rules.decision.JobTimeline.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.rules.explain.DecisionGuard;
import dev.scalingadvisor.rules.explain.Explanation;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.policy.ExcludedVertices;
import dev.scalingadvisor.rules.policy.LagFigures;
import dev.scalingadvisor.rules.policy.PolicySettings;
import dev.scalingadvisor.rules.rule.PolicyKind;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.workload.SourcePartitions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class JobStateMachineTest {

    /** Rate policy without a cap on the scale-down step, so that tests of other mechanics see its targets. */
    private static final ScalingSettings RATE_DOWN = ScalingSettings.DEFAULTS
            .with(ScalingSettings.POLICY, PolicySettings.DEFAULTS.with(PolicySettings.KIND, PolicyKind.RATE))
            .with(ScalingSettings.SCALE_DOWN_MAX_FACTOR, 1.0);

    /** The shape Flink showed: the source is backpressured because the keyed counter behind it is busy. */
    static JobTimeline backpressuredJob() {
        return new JobTimeline()
                .vertex("source", 2, 48, 952)
                .vertex("counter", 2, 1000, 0)
                .value(BACKPRESSURE, 952.0)
                .value(BUSY_LOW, 1000.0);
    }

    /** A job whose every vertex is mostly idle and nothing asks for more. */
    private static JobTimeline idleJob() {
        return new JobTimeline()
                .settings(RATE_DOWN)
                .vertex("counter", 8, 100, 0)
                .value(BACKPRESSURE, 0.0)
                .value(BUSY_LOW, 100.0);
    }

    @Test
    void scalesUpTheBusyBottleneckNotTheBackpressuredSourceOnceTheRuleHeldForItsFor() {
        JobTimeline job = backpressuredJob();

        JobStep decided = job.until(JobPhase.DECIDED, Duration.ofMinutes(5));

        assertThat(job.lastAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(decided.decision().direction()).isEqualTo(Direction.UP);
        assertThat(decided.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("counter"), "counter", 2, 4));
        assertThat(decided.decision().currentParallelism()).isEqualTo(2);
        assertThat(decided.decision().targetParallelism()).isEqualTo(4);
        assertThat(decided.decision().explanation().render())
                .isEqualTo(String.join(
                        "\n",
                        "up-rule backpressure fired: 952 (value 952, above 500 (clear 300), held 1m, for 1m)",
                        "bottleneck: vertex counter (counter) is the busiest at 1000 ms/s busy, 0 ms/s backpressured;"
                                + " backpressure shows upstream of it at source (952 ms/s)",
                        "step policy for backpressure: counter 2 → 3 (ceil(2 × 1.5))",
                        "counter: 3 → 4 so that its 128 key groups spread evenly (32 per subtask)"));
    }

    @Test
    void reportsTheParallelismOfTheVertexThatChangesNotOfAWiderOneThatDoesNot() {
        JobTimeline job = backpressuredJob();
        job.vertex("source").parallelism = 8;

        JobStep decided = job.until(JobPhase.DECIDED, Duration.ofMinutes(5));

        assertThat(decided.decision().currentParallelism()).isEqualTo(2);
        assertThat(decided.decision().targetParallelism()).isEqualTo(4);
        assertThat(decided.decision().changes().vertices())
                .extracting(ParallelismChange::name)
                .containsExactly("counter");
    }

    @Test
    void noiseAroundTheThresholdDoesNotFlapADecision() {
        JobTimeline job = backpressuredJob();
        job.until(JobPhase.DECIDED, Duration.ofMinutes(5));

        for (int i = 0; i < 20; i++) {
            job.value(BACKPRESSURE, i % 2 == 0 ? 480.0 : 520.0);
            assertThat(job.step().phase()).isEqualTo(JobPhase.DECIDED);
        }
        job.value(BACKPRESSURE, 290.0);
        assertThat(job.step().phase())
                .as("below clear, the recommendation resolves")
                .isEqualTo(JobPhase.STEADY);
    }

    @Test
    void ignoresMetricsWhileTheJobStabilizesAfterARestart() {
        JobTimeline job = backpressuredJob();
        job.startedAt = Optional.of(T0);

        JobStep first = job.step();

        assertThat(first.phase()).isEqualTo(JobPhase.STABILIZING);
        assertThat(first.state().rule(BACKPRESSURE).status()).isEqualTo(RuleStatus.UNKNOWN);
        assertThat(first.decision().explanation().blockedBy()).get().satisfies(b -> {
            assertThat(b.guard()).isEqualTo(DecisionGuard.STABILIZATION);
            assertThat(b.until()).contains(T0.plus(Duration.ofMinutes(3)));
        });
        job.until(JobPhase.DECIDED, Duration.ofMinutes(10));
        assertThat(job.lastAt())
                .as("stabilization 3m, then the full for of 1m")
                .isEqualTo(T0.plus(Duration.ofMinutes(4)));
    }

    @Test
    void aRestartSeenMidwayResetsTheTimersAndStabilizesAgain() {
        JobTimeline job = backpressuredJob();
        job.runFor(Duration.ofSeconds(45));
        assertThat(job.state.rule(BACKPRESSURE).status()).isEqualTo(RuleStatus.PENDING);

        job.startedAt = Optional.of(job.now);
        JobStep restarted = job.step();

        assertThat(restarted.phase()).isEqualTo(JobPhase.STABILIZING);
        Instant restart = job.lastAt();
        job.until(JobPhase.DECIDED, Duration.ofMinutes(10));
        assertThat(job.lastAt()).isEqualTo(restart.plus(Duration.ofMinutes(4)));
    }

    @Test
    void waitsOutTheScaleUpCooldownAfterARescale() {
        JobTimeline job = backpressuredJob();
        job.until(JobPhase.DECIDED, Duration.ofMinutes(5));

        job.vertex("counter").parallelism = 4;
        job.vertex("counter").throughput = 1900;
        JobStep afterRescale = job.step();

        Instant rescaledAt = job.lastAt();
        assertThat(afterRescale.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(afterRescale.state().lastRescaleAt()).contains(rescaledAt);
        assertThat(afterRescale.decision().explanation().blockedBy()).get().satisfies(b -> {
            assertThat(b.guard()).isEqualTo(DecisionGuard.SCALE_UP_COOLDOWN);
            assertThat(b.until()).contains(rescaledAt.plus(Duration.ofMinutes(5)));
        });
        JobStep next = job.until(JobPhase.DECIDED, Duration.ofMinutes(10));
        assertThat(job.lastAt()).isEqualTo(rescaledAt.plus(Duration.ofMinutes(5)));
        assertThat(next.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("counter"), "counter", 4, 8));
    }

    @Test
    void aVertexThatAppearsAScrapeAfterTheOthersIsNoRescale() {
        JobTimeline job = new JobTimeline()
                .vertex("source", 2, 48, 952)
                .value(BACKPRESSURE, 952.0)
                .value(BUSY_LOW, 1000.0);
        job.step();

        job.vertex("counter", 2, 1000, 0);
        JobStep withEveryVertex = job.step();

        assertThat(withEveryVertex.state().lastRescaleAt()).isEmpty();
        job.until(JobPhase.DECIDED, Duration.ofMinutes(5));
    }

    /**
     * The ladder a draining backlog would build: the scale-up sized the job to drain its backlog, the sources stay
     * backpressured while it drains, and the backpressure rule asks again once the cooldown is over.
     */
    @Test
    void holdsFurtherScaleUpsWhileTheBacklogDrainsWithinTheCatchUpDuration() {
        // The backlog shrinks by 100 records/s: 60,000 are gone in 10 minutes, within catchUpDuration (10m)
        JobTimeline job = scaledUpTo4();
        JobStep last = drain(job, 100, Duration.ofMinutes(8));

        assertThat(job.steps.subList(job.steps.size() - 32, job.steps.size()))
                .allSatisfy(s -> assertThat(s.decision().direction()).isEqualTo(Direction.NONE));
        assertThat(last.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(last.decision().explanation().blockedBy()).get().satisfies(b -> {
            assertThat(b.guard()).isEqualTo(DecisionGuard.BACKLOG_DRAINING);
            assertThat(b.detail())
                    .isEqualTo("the backlog shrank from 19500 to 13500 records in 1m (100 records/s): at that pace"
                            + " it is drained in 2m15s, within catchUpDuration 10m; the job already reads faster"
                            + " than its input");
            assertThat(b.until()).contains(job.lastAt().plus(Duration.ofSeconds(135)));
        });
    }

    @Test
    void aBacklogThatStopsShrinkingLiftsTheDrainingGuard() {
        JobTimeline job = scaledUpTo4();
        drain(job, 100, Duration.ofMinutes(5));
        Instant flatFrom = job.now;

        // The input grew: the backlog stays at 30,000 records
        job.lag = new LagFigures(OptionalDouble.of(1200), OptionalDouble.of(30_000), OptionalDouble.of(0));
        JobStep decided = job.until(JobPhase.DECIDED, Duration.ofMinutes(5));

        assertThat(Duration.between(flatFrom, job.lastAt()))
                .isLessThanOrEqualTo(BacklogTrend.MARK_EVERY.multipliedBy(2));
        assertThat(decided.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("counter"), "counter", 4, 8));
    }

    @Test
    void aBacklogShrinkingTooSlowlyToDrainWithinTheCatchUpDurationDoesNotHoldAScaleUp() {
        // 10 records/s: 60,000 records would take 100 minutes, not 10
        JobTimeline job = scaledUpTo4();
        Instant rescaledAt = job.now;

        drain(job, 10, Duration.ofMinutes(6));

        assertThat(job.steps.stream()
                        .filter(s -> s.state().lastSeen().isAfter(rescaledAt) && s.phase() == JobPhase.DECIDED)
                        .findFirst())
                .get()
                .satisfies(s -> {
                    assertThat(s.state().lastSeen()).isEqualTo(rescaledAt.plus(Duration.ofMinutes(5)));
                    assertThat(s.decision().direction()).isEqualTo(Direction.UP);
                });
    }

    /** The backpressured job with a backlog of 60,000 records, scaled up from 2 to 4 by the step just taken. */
    private static JobTimeline scaledUpTo4() {
        JobTimeline job = backpressuredJob();
        job.lag = new LagFigures(OptionalDouble.of(1000), OptionalDouble.of(60_000), OptionalDouble.of(200));
        job.until(JobPhase.DECIDED, Duration.ofMinutes(5));
        job.vertex("counter").parallelism = 4;
        job.vertex("counter").throughput = 1900;
        return job;
    }

    /** Cycles for {@code duration} while the backlog shrinks by {@code perSecond}; returns the last step. */
    private static JobStep drain(JobTimeline job, double perSecond, Duration duration) {
        Instant from = job.now;
        JobStep last = null;
        while (job.now.isBefore(from.plus(duration))) {
            double drained = perSecond * Duration.between(from, job.now).toSeconds();
            job.lag = new LagFigures(
                    OptionalDouble.of(1000 + perSecond),
                    OptionalDouble.of(60_000 - drained),
                    OptionalDouble.of(-perSecond));
            last = job.step();
        }
        return last;
    }

    @Test
    void aRestartForgetsTheBacklogTrend() {
        JobTimeline job = backpressuredJob();
        job.lag = new LagFigures(OptionalDouble.of(1000), OptionalDouble.of(60_000), OptionalDouble.of(200));
        job.runFor(Duration.ofMinutes(2));
        assertThat(job.state.backlogTrend()).isPresent();

        job.startedAt = Optional.of(job.now);
        job.step();

        assertThat(job.state.backlogTrend()).isEmpty();
    }

    @Test
    void aRescaleReportedByTheDaemonStartsTheCooldownsToo() {
        JobTimeline job = idleJob();
        job.facts = job.facts.withLastRescaleAt(T0.minus(Duration.ofMinutes(10)));

        JobStep step = job.runFor(Duration.ofMinutes(3));

        assertThat(step.phase()).isEqualTo(JobPhase.DOWN_CANDIDATE);
        assertThat(step.decision().explanation().blockedBy()).get().satisfies(b -> {
            assertThat(b.guard()).isEqualTo(DecisionGuard.SCALE_DOWN_COOLDOWN);
            assertThat(b.until()).contains(T0.plus(Duration.ofMinutes(20)));
        });
    }

    @Test
    void neverScalesDownWhileAnUpRuleIsUnknown() {
        JobTimeline job = idleJob().value(BACKPRESSURE, null);

        JobStep step = job.runFor(Duration.ofMinutes(30));

        assertThat(job.steps)
                .allSatisfy(s -> assertThat(s.decision().direction()).isEqualTo(Direction.NONE));
        assertThat(job.steps).noneMatch(s -> s.phase() == JobPhase.DOWN_CANDIDATE);
        assertThat(step.decision().explanation().render())
                .contains("up-rule backpressure is unknown: no series for this job")
                .contains("every down-rule fires, but a scale-down needs every up-rule known and quiet");
    }

    @Test
    void neverScalesDownWhileADownRuleIsUnknown() {
        JobTimeline job = idleJob().value(BUSY_LOW, null);

        job.runFor(Duration.ofMinutes(30));

        assertThat(job.steps).allSatisfy(s -> assertThat(s.phase()).isEqualTo(JobPhase.STEADY));
    }

    @Test
    void aPendingUpRuleHoldsBackAScaleDown() {
        JobTimeline job = idleJob().value(BACKPRESSURE, 600.0);

        JobStep step = job.runFor(Duration.ofSeconds(45));

        assertThat(step.state().rule(BACKPRESSURE).status()).isEqualTo(RuleStatus.PENDING);
        assertThat(job.steps).noneMatch(s -> s.phase() == JobPhase.DOWN_CANDIDATE);
    }

    @Test
    void decidesAScaleDownAfterTheDelayWithTheHighestTargetSeenInIt() {
        JobTimeline job = idleJob();

        JobStep candidate = job.until(JobPhase.DOWN_CANDIDATE, Duration.ofMinutes(5));
        Instant since = job.lastAt();
        assertThat(since).as("busy-low held for its 2m").isEqualTo(T0.plus(Duration.ofMinutes(2)));
        assertThat(candidate.decision().explanation().blockedBy()).get().satisfies(b -> {
            assertThat(b.guard()).isEqualTo(DecisionGuard.SCALE_DOWN_DELAY);
            assertThat(b.until()).contains(since.plus(Duration.ofMinutes(10)));
            assertThat(b.detail()).contains("counter 8 → 2");
        });
        job.runFor(Duration.ofMinutes(3));
        job.vertex("counter").busy = 300; // one cycle needing more: ceil(8 × 0.3 / 0.7) = 4
        job.step();
        job.vertex("counter").busy = 100;

        JobStep decided = job.until(JobPhase.DECIDED, Duration.ofMinutes(10));

        assertThat(job.lastAt()).isEqualTo(since.plus(Duration.ofMinutes(10)));
        assertThat(decided.decision().direction()).isEqualTo(Direction.DOWN);
        assertThat(decided.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("counter"), "counter", 8, 4));
        assertThat(decided.decision().explanation().render())
                .contains("taking the highest target of the last 10m: counter 8 → 4");
    }

    @Test
    void aHigherTargetCountsForTheDelayOnlyNotForAsLongAsTheScaleDownIsRecommended() {
        JobTimeline job = idleJob();
        job.until(JobPhase.DOWN_CANDIDATE, Duration.ofMinutes(5));
        job.runFor(Duration.ofMinutes(3));
        job.vertex("counter").busy = 300; // one cycle needing more: ceil(8 × 0.3 / 0.7) = 4
        job.step();
        job.vertex("counter").busy = 100;
        assertThat(job.until(JobPhase.DECIDED, Duration.ofMinutes(10))
                        .decision()
                        .targetParallelism())
                .isEqualTo(4);

        JobStep later = job.runFor(Duration.ofMinutes(10));

        assertThat(later.phase()).isEqualTo(JobPhase.DECIDED);
        assertThat(later.decision().changes().vertices())
                .as("the cycle that asked for 4 is more than scaleDownDelay ago")
                .containsExactly(new ParallelismChange(new VertexId("counter"), "counter", 8, 2));
    }

    @Test
    void judgesAScaleUpSeenInTheMetricsWhoeverMadeIt() {
        JobTimeline job = backpressuredJob();
        job.hostCpu = OptionalDouble.of(0.85);
        job.runFor(Duration.ofMinutes(1));

        job.vertex("counter").parallelism = 3; // an operator rescaled by hand; the throughput did not follow
        job.vertex("counter").throughput = 1010;
        JobStep judged = job.until(JobPhase.UP_CANDIDATE, Duration.ofMinutes(30));
        while (judged.findings().isEmpty()) {
            judged = job.step();
        }

        assertThat(judged.findings()).singleElement().isInstanceOfSatisfying(Finding.IneffectiveScaleUp.class, f -> {
            assertThat(f.from()).isEqualTo(2);
            assertThat(f.to()).isEqualTo(3);
            assertThat(f.throughputBefore()).isEqualTo(1000);
        });
    }

    @Test
    void forgetsAScaleUpNotJudgedWithinBlockFor() {
        JobTimeline job = idleJob();
        job.runFor(Duration.ofMinutes(1));
        job.vertex("counter").parallelism = 10;
        job.step();
        assertThat(job.state.scaleUps()).containsKey(new VertexId("counter"));

        job.runFor(Duration.ofHours(6));

        assertThat(job.state.scaleUps())
                .as("no scale-up was asked for within blockFor: the record would judge a load long gone")
                .isEmpty();
    }

    @Test
    void capsHowFarOneScaleDownGoesAtScaleDownMaxFactorAndSaysSo() {
        // The case: the rate policy would take a mostly idle vertex from 32 to 3 in one step
        JobTimeline job = new JobTimeline()
                .settings(RATE_DOWN.with(ScalingSettings.SCALE_DOWN_MAX_FACTOR, 0.6))
                .vertex("counter", 32, 60, 0)
                .value(BACKPRESSURE, 0.0)
                .value(BUSY_LOW, 60.0);

        JobStep decided = job.until(JobPhase.DECIDED, Duration.ofMinutes(15));

        assertThat(decided.decision().changes().vertices())
                .as("ceil(32 × 0.4) = 13, aligned to 16 for 128 key groups")
                .containsExactly(new ParallelismChange(new VertexId("counter"), "counter", 32, 16));
        assertThat(decided.decision().explanation().render())
                .contains("counter: 3 → 13 (scaleDownMaxFactor 0.6: one decision removes at most 60% of 32 subtasks)")
                .contains("counter: 13 → 16 so that its 128 key groups spread evenly");
    }

    @Test
    void anExcludedBottleneckKeepsItsParallelismAndTheDecisionSaysWhy() {
        JobTimeline job = backpressuredJob()
                .settings(ScalingSettings.DEFAULTS.with(
                        ScalingSettings.EXCLUDED_VERTICES, new ExcludedVertices(List.of("counter"))));

        job.runFor(Duration.ofMinutes(5));

        assertThat(job.steps).noneMatch(s -> s.phase() == JobPhase.DECIDED);
        JobStep last = job.steps.get(job.steps.size() - 1);
        assertThat(last.decision().changes().isEmpty()).isTrue();
        assertThat(last.decision().explanation().blockedBy())
                .get()
                .extracting(Reason.Blocked::guard)
                .isEqualTo(DecisionGuard.EXCLUDED_VERTEX);
        assertThat(last.decision().explanation().render())
                .contains("vertex counter keeps its parallelism 2 (the sizing asked for 3): it is in"
                        + " scaling.excludedVertices");
    }

    @Test
    void aScaleDownLeavesAnExcludedVertexAsItIsAndShrinksTheOthers() {
        JobTimeline job = idleJob()
                .settings(RATE_DOWN.with(ScalingSettings.EXCLUDED_VERTICES, new ExcludedVertices(List.of("source"))))
                .vertex("source", 8, 100, 0);

        JobStep decided = job.until(JobPhase.DECIDED, Duration.ofMinutes(15));

        assertThat(decided.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("counter"), "counter", 8, 2));
        assertThat(decided.decision().explanation().render())
                .contains("vertex source keeps its parallelism 8 (the sizing asked for 2)");
    }

    @Test
    void anUpCandidateCancelsAPendingScaleDown() {
        JobTimeline job = idleJob();
        job.until(JobPhase.DOWN_CANDIDATE, Duration.ofMinutes(5));
        job.runFor(Duration.ofMinutes(5));

        job.value(BACKPRESSURE, 600.0);
        job.vertex("counter").busy = 900;
        JobStep up = job.until(JobPhase.DECIDED, Duration.ofMinutes(5));
        assertThat(up.decision().direction()).isEqualTo(Direction.UP);
        assertThat(up.state().pendingScaleDown()).isEmpty();

        job.value(BACKPRESSURE, 0.0);
        job.vertex("counter").busy = 100;
        JobStep again = job.until(JobPhase.DOWN_CANDIDATE, Duration.ofMinutes(5));
        assertThat(again.state().pendingScaleDown())
                .get()
                .extracting(PendingScaleDown::since)
                .isEqualTo(job.lastAt());
    }

    /** A job whose Kafka source is the bottleneck: busy, reading 4 partitions of topic orders. */
    private static JobTimeline sourceBoundJob(int sourceParallelism) {
        JobTimeline job = new JobTimeline()
                .vertex("Source: orders", sourceParallelism, 1000, 0)
                .vertex("counter", 2, 300, 0)
                .value(BACKPRESSURE, 952.0)
                .value(BUSY_LOW, 1000.0);
        job.vertex("Source: orders").partitions = Optional.of(new SourcePartitions(4, List.of("orders")));
        return job;
    }

    @Test
    void capsAKafkaSourceScaleUpAtItsPartitionCountAndSaysSo() {
        JobTimeline job = sourceBoundJob(3);

        JobStep decided = job.until(JobPhase.DECIDED, Duration.ofMinutes(5));

        assertThat(decided.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("Source: orders"), "Source: orders", 3, 4));
        assertThat(decided.decision().explanation().render())
                .contains("Source: orders: 5 → 4 (capped at 4 partitions of orders: more source subtasks would read"
                        + " nothing)");
    }

    @Test
    void reportsAddPartitionsInsteadOfScalingASourceAtItsPartitionCountAndNeverTriesALadder() {
        JobTimeline job = sourceBoundJob(4);

        JobStep step = job.runFor(Duration.ofMinutes(20));

        assertThat(job.steps)
                .allSatisfy(s -> assertThat(s.decision().direction()).isEqualTo(Direction.NONE));
        assertThat(step.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(step.decision().explanation().blockedBy())
                .get()
                .extracting(Reason.Blocked::guard)
                .isEqualTo(DecisionGuard.PARTITION_BOUND);
        assertThat(step.findings()).singleElement().isInstanceOfSatisfying(Finding.PartitionBound.class, bound -> {
            assertThat(bound.kind()).isEqualTo("partition-bound");
            assertThat(bound.subject()).isEqualTo("Source: orders");
            assertThat(bound.text())
                    .isEqualTo("source Source: orders is the bottleneck and already runs 4 subtasks for the 4"
                            + " partitions of orders: a subtask more would read nothing. Add partitions to topic"
                            + " orders to read it faster.");
        });
    }

    @Test
    void aSourceBelowItsPartitionCountIsNoFinding() {
        JobTimeline job = sourceBoundJob(2);

        JobStep decided = job.until(JobPhase.DECIDED, Duration.ofMinutes(5));

        assertThat(decided.findings()).isEmpty();
        assertThat(decided.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("Source: orders"), "Source: orders", 2, 3));
    }

    @Test
    void reportsSkewInsteadOfScalingUpAHotKey() {
        JobTimeline job = backpressuredJob();
        job.vertex("counter").parallelism = 4;
        job.vertex("counter").busy = 300;
        job.vertex("counter").hottest = 950;

        JobStep step = job.runFor(Duration.ofMinutes(2));

        assertThat(step.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(step.decision().direction()).isEqualTo(Direction.NONE);
        assertThat(step.decision().explanation().blockedBy())
                .get()
                .extracting(Reason.Blocked::guard)
                .isEqualTo(DecisionGuard.SKEW);
        assertThat(step.findings()).singleElement().isInstanceOfSatisfying(Finding.Skew.class, skew -> {
            assertThat(skew.kind()).isEqualTo("skew");
            assertThat(skew.name()).isEqualTo("counter");
            assertThat(skew.text()).contains("its busiest subtask is 950 ms/s busy, 3.17× the average of 300 ms/s");
        });
    }

    @Test
    void blocksFurtherScaleUpsAfterAnIneffectiveOne() {
        JobTimeline job = backpressuredJob();
        job.hostCpu = OptionalDouble.of(0.85);
        job.until(JobPhase.DECIDED, Duration.ofMinutes(5));
        Instant decidedAt = job.lastAt();

        job.vertex("counter").parallelism = 4;
        job.vertex("counter").throughput = 1020; // +2 % where +100 % was expected
        job.startedAt = Optional.of(job.now);
        JobStep judged = job.until(JobPhase.UP_CANDIDATE, Duration.ofMinutes(30));
        while (judged.findings().isEmpty()) {
            judged = job.step();
        }

        assertThat(job.lastAt())
                .as("judged once the job stabilized at the new parallelism and asks for more again, cooldown or not")
                .isAfter(decidedAt.plus(ScalingSettings.DEFAULTS.stabilization()))
                .isBefore(decidedAt.plus(ScalingSettings.DEFAULTS.scaleUpCooldown()));
        assertThat(judged.decision().explanation().blockedBy())
                .get()
                .extracting(Reason.Blocked::guard)
                .isEqualTo(DecisionGuard.INEFFECTIVE_SCALE_UP);
        assertThat(judged.findings()).singleElement().isInstanceOfSatisfying(Finding.IneffectiveScaleUp.class, f -> {
            assertThat(f.from()).isEqualTo(2);
            assertThat(f.to()).isEqualTo(4);
            assertThat(f.throughputBefore()).isEqualTo(1000);
            assertThat(f.throughputAfter()).isEqualTo(1020);
            assertThat(f.likelyLimit()).startsWith("TaskManager CPU");
            assertThat(f.blockedUntil()).isEqualTo(job.lastAt().plus(Duration.ofHours(6)));
        });
        JobStep later = job.runFor(Duration.ofHours(1));
        assertThat(later.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(later.findings()).singleElement().isInstanceOf(Finding.IneffectiveScaleUp.class);
    }

    @Test
    void scalesUpAgainAfterAnEffectiveScaleUp() {
        JobTimeline job = backpressuredJob();
        job.until(JobPhase.DECIDED, Duration.ofMinutes(5));

        job.vertex("counter").parallelism = 4;
        job.vertex("counter").throughput = 1900;
        JobStep again = job.until(JobPhase.DECIDED, Duration.ofMinutes(30));

        assertThat(again.findings()).isEmpty();
        assertThat(again.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("counter"), "counter", 4, 8));
    }

    @Test
    void reportsSaturatedHostsInsteadOfScalingUp() {
        JobTimeline job = backpressuredJob();
        job.hostCpu = OptionalDouble.of(0.95);

        JobStep step = job.runFor(Duration.ofMinutes(2));

        assertThat(step.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(step.decision().explanation().blockedBy())
                .get()
                .extracting(Reason.Blocked::guard)
                .isEqualTo(DecisionGuard.CPU_SATURATED);
        assertThat(step.findings()).singleElement().extracting(Finding::kind).isEqualTo("cpu-saturated");
    }

    @Test
    void keepsTheCpuSaturatedGuardRaisedThroughSingleReadingsBelowItsLevel() {
        // The host: 0.91-0.97 at p=2 with a single reading below 0.90 every few minutes.
        JobTimeline job = backpressuredJob();
        job.hostCpu = OptionalDouble.of(0.95);
        job.runFor(Duration.ofMinutes(2));

        for (int minute = 0; minute < 30; minute++) {
            job.hostCpu = OptionalDouble.of(minute % 3 == 0 ? 0.87 : 0.94);
            JobStep step = job.runFor(Duration.ofMinutes(1));
            assertThat(step.phase()).as("minute %d", minute).isEqualTo(JobPhase.UP_CANDIDATE);
            assertThat(step.findings()).extracting(Finding::kind).containsExactly("cpu-saturated");
        }
        assertThat(job.steps).noneMatch(s -> s.phase() == JobPhase.DECIDED);
    }

    @Test
    void clearsTheCpuSaturatedGuardOnlyAfterTheHostStayedBelowItsClearLevelForItsClearTime() {
        JobTimeline job = backpressuredJob();
        job.hostCpu = OptionalDouble.of(0.95);
        job.runFor(Duration.ofMinutes(2));

        job.hostCpu = OptionalDouble.of(0.6);
        Instant belowSince = job.now;
        job.until(JobPhase.DECIDED, Duration.ofMinutes(10));

        assertThat(job.lastAt()).isEqualTo(belowSince.plus(IneffectiveScaleUpSettings.DEFAULTS.saturatedClearFor()));
    }

    @Test
    void missingCpuReadingsNeverClearTheCpuSaturatedGuard() {
        JobTimeline job = backpressuredJob();
        job.hostCpu = OptionalDouble.of(0.95);
        job.runFor(Duration.ofMinutes(2));

        job.hostCpu = OptionalDouble.empty();
        JobStep step = job.runFor(Duration.ofMinutes(20));

        assertThat(step.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(step.decision().explanation().blockedBy())
                .get()
                .extracting(Reason.Blocked::guard)
                .isEqualTo(DecisionGuard.CPU_SATURATED);
    }

    @Test
    void judgesAnIneffectiveScaleUpEvenWhileTheHostsAreSaturated() {
        // The run: 2 -> 4 got through, the host is saturated at 4, and the job still asks for more.
        JobTimeline job = backpressuredJob();
        job.hostCpu = OptionalDouble.of(0.85);
        job.until(JobPhase.DECIDED, Duration.ofMinutes(5));

        job.vertex("counter").parallelism = 4;
        job.vertex("counter").throughput = 1020;
        job.hostCpu = OptionalDouble.of(0.96);
        job.startedAt = Optional.of(job.now);
        JobStep step = job.runFor(Duration.ofMinutes(15));

        assertThat(step.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(step.findings())
                .extracting(Finding::kind)
                .containsExactlyInAnyOrder("ineffective-scale-up", "cpu-saturated");
        assertThat(step.findings())
                .filteredOn(f -> f instanceof Finding.IneffectiveScaleUp)
                .singleElement()
                .isInstanceOfSatisfying(
                        Finding.IneffectiveScaleUp.class,
                        f -> assertThat(f.likelyLimit()).startsWith("TaskManager CPU"));
    }

    @Test
    void keepsTheSkewGuardRaisedThroughAQuieterReading() {
        JobTimeline job = backpressuredJob();
        job.vertex("counter").parallelism = 4;
        job.vertex("counter").busy = 450;
        job.vertex("counter").hottest = 1000; // 2.2x: skewed
        job.runFor(Duration.ofMinutes(2));

        for (int minute = 0; minute < 20; minute++) {
            job.vertex("counter").hottest = minute % 4 == 0 ? 850 : 1000; // 1.9x now and then: below 2, above 1.6
            JobStep step = job.runFor(Duration.ofMinutes(1));
            assertThat(step.phase()).as("minute %d", minute).isEqualTo(JobPhase.UP_CANDIDATE);
        }
        assertThat(job.steps).noneMatch(s -> s.phase() == JobPhase.DECIDED);
    }

    @Test
    void saysSoWhenTheJobIsAlreadyAtItsMaximum() {
        JobTimeline job = backpressuredJob()
                .settings(ScalingSettings.DEFAULTS
                        .with(ScalingSettings.MAX_PARALLELISM, Optional.of(2))
                        .with(ScalingSettings.SCALE_DOWN_MAX_FACTOR, 1.0));

        JobStep step = job.runFor(Duration.ofMinutes(2));

        assertThat(step.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(step.decision().explanation().render())
                .contains("counter: 3 → 2 (maxParallelism 2)")
                .contains("blocked by at-bound: vertex counter is already at 2, the most its bounds allow");
    }

    @Test
    void doesNotDecideWithoutKnowingTheCurrentParallelism() {
        JobTimeline job = new JobTimeline().value(BACKPRESSURE, 952.0).value(BUSY_LOW, 1000.0);

        JobStep step = job.runFor(Duration.ofMinutes(2));

        assertThat(step.phase()).isEqualTo(JobPhase.UP_CANDIDATE);
        assertThat(step.decision().currentParallelism()).isZero();
        assertThat(step.decision().explanation().blockedBy())
                .get()
                .extracting(Reason.Blocked::guard)
                .isEqualTo(DecisionGuard.MISSING_DATA);
    }

    @Test
    void staysSteadyAndSaysSoWhenNothingAsks() {
        JobTimeline job = new JobTimeline()
                .vertex("counter", 4, 500, 0)
                .value(BACKPRESSURE, 10.0)
                .value(BUSY_LOW, 500.0);

        JobStep step = job.runFor(Duration.ofMinutes(10));

        assertThat(step.phase()).isEqualTo(JobPhase.STEADY);
        assertThat(step.decision())
                .isEqualTo(Decision.none(4, new Explanation(List.of(new Reason.Note("no rule asks for a change")))));
    }

    @Test
    void isInCooldownAfterARescaleWhileNothingAsks() {
        JobTimeline job = new JobTimeline()
                .vertex("counter", 4, 500, 0)
                .value(BACKPRESSURE, 10.0)
                .value(BUSY_LOW, 500.0);
        job.step();
        job.vertex("counter").parallelism = 6;

        assertThat(job.step().phase()).isEqualTo(JobPhase.COOLDOWN);
        assertThat(job.runFor(Duration.ofMinutes(31)).phase()).isEqualTo(JobPhase.STEADY);
    }
}

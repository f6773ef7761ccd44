package dev.scalingadvisor.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.workload.SourcePartitions;
import dev.scalingadvisor.rules.workload.VertexLoad;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PoliciesTest {

    /** What Flink showed with a CPU-heavy keyed operator: the source waits, the operator works. */
    private static final Vertex SOURCE = vertex("source", 2, 48, 952);

    private static final Vertex COUNTER = vertex("counter", 2, 1000, 0);
    private static final JobShape BACKPRESSURED = new JobShape(List.of(SOURCE, COUNTER), LagFigures.NONE);

    @Test
    void theBottleneckIsTheBusyVertexNotTheBackpressuredOne() {
        assertThat(BACKPRESSURED.bottleneck()).contains(COUNTER);
    }

    @Test
    void stepGrowsTheBottleneckByItsFactor() {
        Sizing sizing =
                new StepPolicy(1.5).up(new JobShape(List.of(SOURCE, vertex("counter", 8, 1000, 0)), LagFigures.NONE));

        assertThat(sizing.targets()).containsExactly(Map.entry(new VertexId("counter"), 12));
        assertThat(sizing.reasons())
                .extracting(Reason::text)
                .containsExactly("step policy: counter 8 → 12 (ceil(8 × 1.5))");
    }

    @Test
    void stepAlwaysAddsAtLeastOne() {
        assertThat(new StepPolicy(1.1)
                        .up(new JobShape(List.of(COUNTER), LagFigures.NONE))
                        .targets())
                .containsEntry(new VertexId("counter"), 3);
    }

    @Test
    void stepGrowsEveryVertexWithoutBusyTimes() {
        Vertex a = new Vertex(new VertexId("a"), "a", 4, OptionalInt.empty(), Optional.empty());
        Vertex b = new Vertex(new VertexId("b"), "b", 2, OptionalInt.empty(), Optional.empty());

        assertThat(new StepPolicy(1.5)
                        .up(new JobShape(List.of(a, b), LagFigures.NONE))
                        .targets())
                .containsExactly(Map.entry(a.id(), 6), Map.entry(b.id(), 3));
    }

    @Test
    void stepShrinksEveryVertexButNotBelowOne() {
        Vertex wide = vertex("wide", 24, 100, 0);
        Vertex two = vertex("two", 2, 100, 0);
        Vertex one = vertex("one", 1, 100, 0);

        assertThat(new StepPolicy(1.5)
                        .down(new JobShape(List.of(wide, two, one), LagFigures.NONE))
                        .targets())
                .containsExactly(Map.entry(wide.id(), 16), Map.entry(two.id(), 1));
    }

    @Test
    void rateSizesOnlyTheVerticesBusierThanTheTarget() {
        Sizing sizing =
                new RatePolicy(0.7).up(new JobShape(List.of(SOURCE, vertex("counter", 4, 980, 0)), LagFigures.NONE));

        assertThat(sizing.targets()).containsExactly(Map.entry(new VertexId("counter"), 6));
        assertThat(sizing.reasons())
                .extracting(Reason::text)
                .containsExactly("rate policy: counter 4 → 6 (ceil(4 × busy 0.98 / targetUtilization 0.7))");
    }

    @Test
    void rateSaysWhenNoVertexIsBusyEnough() {
        Sizing sizing = new RatePolicy(0.7).up(new JobShape(List.of(vertex("counter", 4, 600, 0)), LagFigures.NONE));

        assertThat(sizing.targets()).isEmpty();
        assertThat(sizing.unusable()).isEmpty();
        assertThat(sizing.reasons())
                .extracting(Reason::text)
                .containsExactly(
                        "rate policy: no vertex is busier than targetUtilization 0.7 (busiest: counter at 0.6)");
    }

    @Test
    void rateIsUnusableWithoutBusyTimes() {
        Vertex blind = new Vertex(new VertexId("a"), "a", 4, OptionalInt.empty(), Optional.empty());

        assertThat(new RatePolicy(0.7)
                        .up(new JobShape(List.of(blind), LagFigures.NONE))
                        .unusable())
                .isPresent();
        assertThat(new RatePolicy(0.7)
                        .down(new JobShape(List.of(COUNTER, blind), LagFigures.NONE))
                        .unusable())
                .contains("no busy time for vertex a");
    }

    @Test
    void rateShrinksMostlyIdleVertices() {
        Sizing sizing = new RatePolicy(0.7)
                .down(new JobShape(List.of(vertex("a", 8, 100, 0), vertex("b", 2, 600, 0)), LagFigures.NONE));

        assertThat(sizing.targets()).containsExactly(Map.entry(new VertexId("a"), 2));
    }

    @Test
    void lagSizesTheBottleneckToDrainTheBacklogInTime() {
        JobShape job = new JobShape(
                List.of(SOURCE, vertex("counter", 4, 1000, 0)),
                new LagFigures(OptionalDouble.of(10_000), OptionalDouble.of(1_200_000), OptionalDouble.of(500)));

        Sizing sizing = new LagPolicy(0.7, Duration.ofMinutes(10)).up(job);

        // needed = 10000 + 500 + 1200000 / 600 = 12500 records/s; ceil(4 × 1.0 × 12500 / 10000 / 0.7) = 8
        assertThat(sizing.targets()).containsExactly(Map.entry(new VertexId("counter"), 8));
        assertThat(sizing.reasons())
                .extracting(Reason::text)
                .singleElement()
                .asString()
                .contains("needed 10000 + 500 + 1200000 / 10m = 12500 records/s");
    }

    @Test
    void lagIsUnusableWithoutSourceFigures() {
        assertThat(new LagPolicy(0.7, Duration.ofMinutes(10)).up(BACKPRESSURED).unusable())
                .contains("the sources' read rate is unknown or zero");
    }

    @Test
    void boundsClampThenAlignAndReportEachStep() {
        Vertex counter = new Vertex(new VertexId("counter"), "counter", 8, OptionalInt.of(128), Optional.empty());

        ParallelismBounds.Bounded bounded = new ParallelismBounds(1, OptionalInt.of(20), 1.0).apply(counter, true, 24);

        assertThat(bounded.target()).isEqualTo(16);
        assertThat(bounded.reasons())
                .extracting(Reason::text)
                .containsExactly(
                        "counter: 24 → 20 (maxParallelism 20)",
                        "counter: 20 → 16 so that its 128 key groups spread evenly (8 per subtask)");
    }

    @Test
    void boundsCapAKafkaSourceAtItsPartitionCountAndDoNotAlignItToKeyGroups() {
        VertexLoad load = new VertexLoad(
                new VertexId("src"),
                "Source:_orders",
                OptionalDouble.of(1000),
                OptionalDouble.of(1000),
                OptionalDouble.of(0),
                OptionalInt.of(2),
                Optional.empty(),
                OptionalDouble.empty(),
                OptionalDouble.of(4000),
                Optional.of(new SourcePartitions(6, List.of("orders"))));
        Vertex source = new Vertex(new VertexId("src"), "Source: orders", 2, OptionalInt.of(128), Optional.of(load));

        ParallelismBounds.Bounded bounded = new ParallelismBounds(1, OptionalInt.empty(), 1.0).apply(source, true, 9);

        assertThat(bounded.target())
                .as("6 partitions, even though 128 key groups would align 6 to 8")
                .isEqualTo(6);
        assertThat(bounded.reasons())
                .extracting(Reason::text)
                .containsExactly(
                        "Source: orders: 9 → 6 (capped at 6 partitions of orders: more source subtasks would read"
                                + " nothing)");
        assertThat(new ParallelismBounds(1, OptionalInt.empty(), 1.0)
                        .apply(source, false, 1)
                        .target())
                .as("scaling down is not bounded by partitions")
                .isEqualTo(1);
    }

    @Test
    void boundsNeverExceedTheKeyGroups() {
        Vertex counter = new Vertex(new VertexId("counter"), "counter", 8, OptionalInt.of(10), Optional.empty());

        ParallelismBounds.Bounded bounded = new ParallelismBounds(1, OptionalInt.empty(), 1.0).apply(counter, true, 12);

        assertThat(bounded.target()).isEqualTo(10);
        assertThat(bounded.reasons())
                .extracting(Reason::text)
                .containsExactly("counter: 12 → 10 (the vertex's max parallelism (key groups) 10)");
    }

    @Test
    void boundsLeaveNothingToDoAtTheLimit() {
        Vertex counter = new Vertex(new VertexId("counter"), "counter", 16, OptionalInt.of(128), Optional.empty());

        assertThat(new ParallelismBounds(1, OptionalInt.of(16), 1.0)
                        .apply(counter, true, 24)
                        .target())
                .isEqualTo(16);
        assertThat(new ParallelismBounds(16, OptionalInt.empty(), 1.0)
                        .apply(counter, false, 8)
                        .target())
                .isEqualTo(16);
    }

    @Test
    void boundsCapHowFarOneScaleDownGoes() {
        Vertex counter = new Vertex(new VertexId("counter"), "counter", 32, OptionalInt.of(128), Optional.empty());

        ParallelismBounds.Bounded bounded = new ParallelismBounds(1, OptionalInt.empty(), 0.6).apply(counter, false, 3);

        assertThat(bounded.target()).isEqualTo(16);
        assertThat(bounded.reasons())
                .extracting(Reason::text)
                .containsExactly(
                        "counter: 3 → 13 (scaleDownMaxFactor 0.6: one decision removes at most 60% of 32 subtasks)",
                        "counter: 13 → 16 so that its 128 key groups spread evenly (8 per subtask)");
    }

    @Test
    void aScaleDownCapAlwaysLetsOneSubtaskGo() {
        ParallelismBounds bounds = new ParallelismBounds(1, OptionalInt.empty(), 0.4);

        assertThat(bounds.lowestStepDown(10)).isEqualTo(6);
        assertThat(bounds.lowestStepDown(2))
                .as("ceil(2 × 0.6) = 2 would forbid 2 → 1 for ever")
                .isEqualTo(1);
        assertThat(new ParallelismBounds(1, OptionalInt.empty(), 1.0).lowestStepDown(32))
                .isEqualTo(1);
    }

    @Test
    void aScaleDownCapDoesNotHoldBackAScaleUp() {
        Vertex counter = new Vertex(new VertexId("counter"), "counter", 8, OptionalInt.of(128), Optional.empty());

        assertThat(new ParallelismBounds(1, OptionalInt.empty(), 0.1)
                        .apply(counter, true, 30)
                        .target())
                .isEqualTo(32);
    }

    @Test
    void oneScaleUpGrowsAtMostByMaxScaleUpFactor() {
        // Issue 14, defect 7: lag divided by a throttled source's rate asked for 2 → 2147483647
        Vertex counter = new Vertex(new VertexId("counter"), "counter", 2, OptionalInt.empty(), Optional.empty());

        ParallelismBounds.Bounded bounded =
                new ParallelismBounds(1, OptionalInt.empty(), 1.0, 4.0).apply(counter, true, Integer.MAX_VALUE);

        assertThat(bounded.target()).isEqualTo(8);
        assertThat(bounded.reasons())
                .extracting(Reason::text)
                .startsWith("counter: 2147483647 → 8 (maxScaleUpFactor 4)");
        assertThat(new ParallelismBounds(1, OptionalInt.empty(), 1.0, 1.2)
                        .apply(counter, true, 5)
                        .target())
                .as("a factor below the next whole subtask still allows one more")
                .isEqualTo(3);
    }

    @Test
    void noTargetGoesAboveFlinksMaximumParallelism() {
        Vertex counter = new Vertex(new VertexId("counter"), "counter", 20_000, OptionalInt.empty(), Optional.empty());

        ParallelismBounds.Bounded bounded =
                new ParallelismBounds(1, OptionalInt.empty(), 1.0, 1000).apply(counter, true, Integer.MAX_VALUE);

        assertThat(bounded.target()).isEqualTo(ParallelismBounds.FLINK_MAX_PARALLELISM);
    }

    @Test
    void excludedVerticesMatchByIdOrByTheirWholeName() {
        Vertex audit = new Vertex(
                new VertexId("cbc357ccb763df2852fee8c4fc7d55f2"),
                "Sink: audit",
                2,
                OptionalInt.of(128),
                Optional.empty());

        assertThat(new ExcludedVertices(List.of("cbc357ccb763df2852fee8c4fc7d55f2")).contains(audit))
                .isTrue();
        assertThat(new ExcludedVertices(List.of("Sink: audit")).contains(audit)).isTrue();
        assertThat(new ExcludedVertices(List.of("audit")).contains(audit)).isFalse();
        assertThat(ExcludedVertices.NONE.contains(audit)).isFalse();
    }

    @Test
    void boundsSayWhenKeyGroupsAreUnknown() {
        Vertex counter = new Vertex(new VertexId("counter"), "counter", 4, OptionalInt.empty(), Optional.empty());

        assertThat(new ParallelismBounds(1, OptionalInt.empty(), 1.0)
                        .apply(counter, true, 6)
                        .reasons())
                .extracting(Reason::text)
                .containsExactly(
                        "counter: 6 not aligned to key groups (its key groups are unknown without Flink REST)");
    }

    static Vertex vertex(String name, int parallelism, double busy, double backpressure) {
        VertexLoad load = new VertexLoad(
                new VertexId(name),
                name,
                OptionalDouble.of(busy),
                OptionalDouble.of(busy),
                OptionalDouble.of(backpressure),
                OptionalInt.of(parallelism),
                Optional.empty(),
                OptionalDouble.of(1000),
                OptionalDouble.of(1000));
        return new Vertex(new VertexId(name), name, parallelism, OptionalInt.empty(), Optional.of(load));
    }
}

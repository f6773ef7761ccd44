package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.policy.JobShape;
import dev.scalingadvisor.rules.policy.LagFigures;
import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.rule.Reading;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.testing.TestRules;
import dev.scalingadvisor.rules.workload.JobLoad;
import dev.scalingadvisor.rules.workload.SourcePartitions;
import dev.scalingadvisor.rules.workload.VertexLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A job evaluated every 15 s on a fake clock: tests set what the rules read and what the job looks like,
 * then move time and look at phases and decisions. The pack: up-rule {@code backpressure} (above 500,
 * clear 300, for 1m) and down-rule {@code busy-low} (below 200, clear 300, for 2m).
 */
final class JobTimeline {

    static final Duration STEP = Duration.ofSeconds(15);
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    static final RuleName BACKPRESSURE = new RuleName("backpressure");
    static final RuleName BUSY_LOW = new RuleName("busy-low");
    static final RulePack PACK = new RulePack(List.of(
            TestRules.backpressure("bp", Duration.ofMinutes(1)), TestRules.busyLow("busy", Duration.ofMinutes(2))));

    Instant now = T0;
    JobMemory state = JobMemory.fresh(T0);
    RulePack pack = PACK;
    ScalingSettings settings = ScalingSettings.DEFAULTS;
    final Map<RuleName, Double> values = new HashMap<>();
    final Map<String, VertexSpec> vertices = new LinkedHashMap<>();
    Optional<Instant> startedAt = Optional.of(T0.minus(Duration.ofHours(1)));
    JobFacts facts = JobFacts.NONE;
    OptionalDouble hostCpu = OptionalDouble.empty();
    LagFigures lag = LagFigures.NONE;
    final List<JobStep> steps = new ArrayList<>();

    /** A vertex as the workload queries would show it; busy and backpressure in ms/s. */
    static final class VertexSpec {
        int parallelism;
        OptionalInt keyGroups = OptionalInt.of(128);
        double busy;
        double hottest;
        double backpressure;
        double throughput = 1000;
        Optional<SourcePartitions> partitions = Optional.empty();

        VertexSpec(int parallelism, double busy, double backpressure) {
            this.parallelism = parallelism;
            this.busy = busy;
            this.hottest = busy;
            this.backpressure = backpressure;
        }
    }

    JobTimeline vertex(String name, int parallelism, double busy, double backpressure) {
        vertices.put(name, new VertexSpec(parallelism, busy, backpressure));
        return this;
    }

    VertexSpec vertex(String name) {
        return vertices.get(name);
    }

    JobTimeline value(RuleName rule, Double value) {
        values.put(rule, value);
        return this;
    }

    JobTimeline settings(ScalingSettings settings) {
        this.settings = settings;
        return this;
    }

    /** One cycle at the current instant, then the clock moves one step. */
    JobStep step() {
        Map<RuleName, Reading> readings = new HashMap<>();
        values.forEach((rule, v) ->
                readings.put(rule, v == null ? new Reading.Missing("no series for this job") : Reading.Value.of(v)));
        List<Vertex> shape = new ArrayList<>();
        Map<VertexId, VertexLoad> loads = new LinkedHashMap<>();
        vertices.forEach((name, spec) -> {
            VertexId id = new VertexId(name);
            VertexLoad load = new VertexLoad(
                    id,
                    name,
                    OptionalDouble.of(spec.busy),
                    OptionalDouble.of(spec.hottest),
                    OptionalDouble.of(spec.backpressure),
                    OptionalInt.of(spec.parallelism),
                    Optional.of(now),
                    OptionalDouble.of(spec.throughput),
                    OptionalDouble.of(spec.throughput),
                    spec.partitions);
            loads.put(id, load);
            shape.add(new Vertex(id, name, spec.parallelism, spec.keyGroups, Optional.of(load)));
        });
        JobId id = new JobId("a1b2");
        JobLoad load = new JobLoad(
                id,
                "orders",
                loads,
                Optional.empty(),
                hostCpu,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty());
        JobInput input = new JobInput(
                now,
                new JobRef(id, "orders"),
                pack,
                readings,
                new JobShape(shape, lag),
                load,
                startedAt,
                facts,
                settings);
        JobStep step = JobStateMachine.step(state, input);
        state = step.state();
        steps.add(step);
        now = now.plus(STEP);
        return step;
    }

    /**
     * The wall clock steps by {@code step} between two cycles, and the daemon, which notices it on its monotonic
     * clock, moves what the engine remembers and the outside instants it saw before by as much.
     */
    JobTimeline clockStepped(Duration step) {
        now = now.plus(step);
        state = state.movedBy(step);
        startedAt = startedAt.map(t -> t.plus(step));
        facts = new JobFacts(
                facts.name(),
                facts.startedAt().map(t -> t.plus(step)),
                facts.vertices(),
                facts.lastRescaleAt().map(t -> t.plus(step)),
                facts.freeSlots());
        return this;
    }

    /** Cycles until {@code duration} has passed; returns the last step. */
    JobStep runFor(Duration duration) {
        JobStep last = null;
        Instant until = now.plus(duration);
        while (now.isBefore(until)) {
            last = step();
        }
        return last;
    }

    /** Cycles until the job reaches {@code phase} (at most {@code limit}); returns that step. */
    JobStep until(JobPhase phase, Duration limit) {
        Instant deadline = now.plus(limit);
        while (now.isBefore(deadline)) {
            JobStep step = step();
            if (step.phase() == phase) {
                return step;
            }
        }
        throw new AssertionError("no " + phase + " within " + limit + "; last: "
                + steps.get(steps.size() - 1).phase() + "\n"
                + steps.get(steps.size() - 1).decision().explanation().render());
    }

    /** The instant of the step just taken. */
    Instant lastAt() {
        return now.minus(STEP);
    }
}

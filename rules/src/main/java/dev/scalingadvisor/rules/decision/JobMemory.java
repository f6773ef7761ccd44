package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RuleTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Everything the engine remembers about one job between cycles; a plain value the daemon persists (as JSON,
 * see {@code EngineStateJson}) and restores, so that a restart neither resets nor skips a timer. How long each
 * piece can still change a decision is written down in {@code MemoryHorizon}: that is what lets a replay of
 * history reach the state of a daemon that ran all along.
 *
 * @param rules             each rule's state and timers
 * @param phase             where the job stood after the last cycle
 * @param pendingScaleDown  a scale-down waiting out its delay
 * @param startedAt         the job's last (re)start as last seen: a later one is a restart
 * @param lastRescaleAt     the last rescale seen or reported: cooldowns count from here
 * @param parallelism       each vertex's parallelism as last known: a change is a rescale
 * @param parallelismSeenAt when {@code parallelism} was last seen
 * @param throughput        each vertex's throughput in the last cycle (empty after a cycle without it), the
 *                          baseline of a scale-up seen in the next cycle
 * @param scaleUps          the last scale-up per vertex, to judge whether it helped
 * @param lastSeen          the last cycle in which the job had any data, to forget jobs that are gone
 * @param cpuSaturated      the CPU-saturated guard while it holds (it has hysteresis)
 * @param skew              the skew guard of each vertex while it holds (it has hysteresis)
 * @param backlogTrend      how the source backlog moved lately, for the draining guard; forgotten at a restart
 */
public record JobMemory(
        Map<RuleName, RuleTimer> rules,
        JobPhase phase,
        Optional<PendingScaleDown> pendingScaleDown,
        Optional<Instant> startedAt,
        Optional<Instant> lastRescaleAt,
        Map<VertexId, Integer> parallelism,
        Optional<Instant> parallelismSeenAt,
        Map<VertexId, Double> throughput,
        Map<VertexId, ScaleUpRecord> scaleUps,
        Instant lastSeen,
        Optional<GuardHold> cpuSaturated,
        Map<VertexId, GuardHold> skew,
        Optional<BacklogTrend> backlogTrend) {

    public JobMemory {
        rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(pendingScaleDown, "pendingScaleDown");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastRescaleAt, "lastRescaleAt");
        parallelism = Collections.unmodifiableMap(new LinkedHashMap<>(parallelism));
        // Absent in state saved before they were remembered: nothing was known then.
        parallelismSeenAt = parallelismSeenAt == null ? Optional.empty() : parallelismSeenAt;
        throughput = throughput == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(throughput));
        scaleUps = Collections.unmodifiableMap(new LinkedHashMap<>(scaleUps));
        Objects.requireNonNull(lastSeen, "lastSeen");
        // Absent in state saved before guards had hysteresis: nothing was held then.
        cpuSaturated = cpuSaturated == null ? Optional.empty() : cpuSaturated;
        skew = skew == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(skew));
        // Absent in state saved before the draining guard: measured again from the next reading.
        backlogTrend = backlogTrend == null ? Optional.empty() : backlogTrend;
    }

    /** A job seen for the first time. */
    public static JobMemory fresh(Instant at) {
        return new JobMemory(
                Map.of(),
                JobPhase.STEADY,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Map.of(),
                Map.of(),
                at,
                Optional.empty(),
                Map.of(),
                Optional.empty());
    }

    public RuleTimer rule(RuleName name) {
        return rules.getOrDefault(name, RuleTimer.INACTIVE);
    }

    /**
     * The memory of a job that has no data at all in a cycle (every series gone, as after a live scrape's
     * staleness markers): its rules are unknown, as a vanished series resets a Prometheus alert, so a
     * condition never holds across time nobody saw, and a pending scale-down starts again. Raised guards stay
     * raised (missing data never clears them); the backlog's trend is measured again from the next reading (a
     * pace measured across a gap could be anything); what bounds itself in time (cooldowns, scale-up records, the
     * last parallelism) is kept.
     */
    public JobMemory absent() {
        Map<RuleName, RuleTimer> unknown = new LinkedHashMap<>();
        rules.keySet().forEach(name -> unknown.put(name, RuleTimer.unknown("no series for this job")));
        return new JobMemory(
                unknown,
                phase,
                Optional.empty(),
                startedAt,
                lastRescaleAt,
                parallelism,
                parallelismSeenAt,
                Map.of(),
                scaleUps,
                lastSeen,
                cpuSaturated.map(GuardHold::notClearing),
                notClearing(skew),
                Optional.empty());
    }

    /**
     * This memory with every instant moved by {@code step}, the amount the daemon's wall clock stepped between two
     * cycles: so that every timer (a rule's {@code for}, the scale-down delay, a guard's clear time), cooldown and
     * stabilization keeps measuring the time that really passed, on the cycles' new time line.
     */
    public JobMemory movedBy(Duration step) {
        return new JobMemory(
                moved(rules, (name, timer) -> timer.movedBy(step)),
                phase,
                pendingScaleDown.map(p -> p.movedBy(step)),
                startedAt.map(t -> t.plus(step)),
                lastRescaleAt.map(t -> t.plus(step)),
                parallelism,
                parallelismSeenAt.map(t -> t.plus(step)),
                throughput,
                moved(scaleUps, (vertex, record) -> record.movedBy(step)),
                lastSeen.plus(step),
                cpuSaturated.map(hold -> hold.movedBy(step)),
                moved(skew, (vertex, hold) -> hold.movedBy(step)),
                backlogTrend.map(trend -> trend.movedBy(step)));
    }

    private static <K, V> Map<K, V> moved(Map<K, V> values, BiFunction<K, V, V> move) {
        Map<K, V> moved = new LinkedHashMap<>();
        values.forEach((key, value) -> moved.put(key, move.apply(key, value)));
        return moved;
    }

    private static Map<VertexId, GuardHold> notClearing(Map<VertexId, GuardHold> holds) {
        Map<VertexId, GuardHold> kept = new LinkedHashMap<>();
        holds.forEach((vertex, hold) -> kept.put(vertex, hold.notClearing()));
        return kept;
    }
}

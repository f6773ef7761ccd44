package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RuleTimer;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the engine remembers about one job between cycles; a plain value the daemon persists (as JSON,
 * see {@code EngineStateJson}) and restores, so that a restart neither resets nor skips a timer.
 *
 * @param rules            each rule's state and timers
 * @param phase            where the job stood after the last cycle
 * @param pendingScaleDown a scale-down waiting out its delay
 * @param startedAt        the job's last (re)start as last seen: a later one is a restart
 * @param lastRescaleAt    the last rescale seen or reported: cooldowns count from here
 * @param parallelism      each vertex's parallelism as last seen: a change is a rescale
 * @param scaleUps         the last scale-up per vertex, to judge whether it helped
 * @param lastSeen         the last cycle in which the job had any data, to forget jobs that are gone
 * @param cpuSaturated     the CPU-saturated guard while it holds (it has hysteresis)
 * @param skew             the skew guard of each vertex while it holds (it has hysteresis)
 */
public record JobMemory(
        Map<RuleName, RuleTimer> rules,
        JobPhase phase,
        Optional<PendingScaleDown> pendingScaleDown,
        Optional<Instant> startedAt,
        Optional<Instant> lastRescaleAt,
        Map<VertexId, Integer> parallelism,
        Map<VertexId, ScaleUpRecord> scaleUps,
        Instant lastSeen,
        Optional<GuardHold> cpuSaturated,
        Map<VertexId, GuardHold> skew) {

    public JobMemory {
        rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(pendingScaleDown, "pendingScaleDown");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastRescaleAt, "lastRescaleAt");
        parallelism = Collections.unmodifiableMap(new LinkedHashMap<>(parallelism));
        scaleUps = Collections.unmodifiableMap(new LinkedHashMap<>(scaleUps));
        Objects.requireNonNull(lastSeen, "lastSeen");
        // Absent in state saved before guards had hysteresis: nothing was held then.
        cpuSaturated = cpuSaturated == null ? Optional.empty() : cpuSaturated;
        skew = skew == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(skew));
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
                Map.of(),
                at,
                Optional.empty(),
                Map.of());
    }

    public RuleTimer rule(RuleName name) {
        return rules.getOrDefault(name, RuleTimer.INACTIVE);
    }

    public JobMemory withRules(Map<RuleName, RuleTimer> newRules) {
        return new JobMemory(
                newRules,
                phase,
                pendingScaleDown,
                startedAt,
                lastRescaleAt,
                parallelism,
                scaleUps,
                lastSeen,
                cpuSaturated,
                skew);
    }
}

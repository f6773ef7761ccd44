package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.rules.decision.JobMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the engine remembers between cycles, for all jobs: what the daemon persists after each cycle
 * and hands back after a restart ({@link EngineStateJson} reads and writes it).
 *
 * @param version the format version, so that a newer advisor can read (or knowingly discard) an older file
 * @param at      the instant of the cycle that produced it; empty before the first
 */
public record EngineState(int version, Optional<Instant> at, Map<JobId, JobMemory> jobs) {

    public static final int CURRENT_VERSION = 2;
    public static final EngineState EMPTY = new EngineState(CURRENT_VERSION, Optional.empty(), Map.of());

    public EngineState {
        Objects.requireNonNull(at, "at");
        jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
    }

    /**
     * This state with every instant moved by {@code step}: what the daemon hands the engine after its wall clock
     * stepped by that much between two cycles (measured against a monotonic clock), so that a step of an hour
     * neither fires a rule early, nor ends a cooldown or stabilization early, nor holds one for an hour longer.
     */
    public EngineState movedBy(Duration step) {
        Map<JobId, JobMemory> moved = new LinkedHashMap<>();
        jobs.forEach((id, memory) -> moved.put(id, memory.movedBy(step)));
        return new EngineState(version, at.map(t -> t.plus(step)), moved);
    }

    public Optional<JobMemory> job(JobId id) {
        return Optional.ofNullable(jobs.get(id));
    }
}

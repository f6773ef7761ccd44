package dev.scalingadvisor.core.job;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the daemon knows about a job from outside Prometheus (Flink REST, its own rescale journal). Every
 * field is optional: without Flink REST the engine derives parallelism and start time from Prometheus.
 *
 * @param name           the job's real name
 * @param startedAt      when the job last (re)started running: stabilization counts from here
 * @param vertices       current parallelism and key groups per vertex, in topology order
 * @param lastRescaleAt  when the daemon last rescaled the job: cooldowns count from here
 * @param freeSlots      task slots free in the job's cluster, to tell "no free slots" from other limits
 */
public record JobFacts(
        Optional<String> name,
        Optional<Instant> startedAt,
        Map<VertexId, VertexFacts> vertices,
        Optional<Instant> lastRescaleAt,
        OptionalInt freeSlots) {

    public static final JobFacts NONE =
            new JobFacts(Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), OptionalInt.empty());

    public JobFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startedAt, "startedAt");
        vertices = Collections.unmodifiableMap(new LinkedHashMap<>(vertices));
        Objects.requireNonNull(lastRescaleAt, "lastRescaleAt");
        Objects.requireNonNull(freeSlots, "freeSlots");
    }

    public JobFacts withLastRescaleAt(Instant at) {
        return new JobFacts(name, startedAt, vertices, Optional.of(at), freeSlots);
    }
}

package dev.scalingadvisor.core.job;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What Flink's REST API says about one job vertex.
 *
 * @param name           the vertex's real name (Prometheus only has a sanitised one)
 * @param maxParallelism its key groups: parallelism can never exceed it, and values that divide it spread state evenly
 */
public record VertexFacts(String name, int parallelism, OptionalInt maxParallelism) {

    public VertexFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(maxParallelism, "maxParallelism");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        if (maxParallelism.isPresent() && maxParallelism.getAsInt() < 1) {
            throw new IllegalArgumentException("maxParallelism must be at least 1, got " + maxParallelism.getAsInt());
        }
    }
}

package dev.scalingadvisor.core.job;

import java.util.Objects;

/** A job as the engine reports it: its id (identity) and a name for people (the real one when Flink REST gave it). */
public record JobRef(JobId id, String name) {

    public JobRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}

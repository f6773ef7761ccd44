package dev.scalingadvisor.rules.rule;

import java.util.Locale;

/** What a rule measures; it names the rule's kind in explanations and picks how a fired rule is read. */
public enum Signal {
    /** Time subtasks spend waiting for downstream buffers: shows upstream of a bottleneck. */
    BACKPRESSURE,
    /** CPU load of the TaskManagers running the job. */
    CPU,
    /** Consumer lag: records waiting in the source system. */
    LAG,
    /** Time subtasks spend processing records. */
    BUSY,
    /** Time subtasks spend waiting for input. */
    IDLE,
    /** Anything else a pack author measures. */
    CUSTOM;

    /** {@code backpressure}, {@code cpu}, …: as in packs, JSON and messages. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}

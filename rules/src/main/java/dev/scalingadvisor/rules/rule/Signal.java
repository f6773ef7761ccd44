package dev.scalingadvisor.rules.rule;

import dev.scalingadvisor.core.text.Spelling;
import java.util.Optional;

/**
 * What a rule measures; it names the rule's kind in explanations, picks how a fired rule is read, and gives
 * the unit its values are shown in.
 */
public enum Signal {
    /** Time subtasks spend waiting for downstream buffers: shows upstream of a bottleneck. */
    BACKPRESSURE("ms/s"),
    /** CPU load of the TaskManagers running the job, as a fraction of the host (0 to 1). */
    CPU(null),
    /** Consumer lag: records waiting in the source system. */
    LAG("records"),
    /** Time subtasks spend processing records. */
    BUSY("ms/s"),
    /** Time subtasks spend waiting for input. */
    IDLE("ms/s"),
    /** Anything else a pack author measures. */
    CUSTOM(null);

    private final String unit;

    Signal(String unit) {
        this.unit = unit;
    }

    /** The unit a rule on this signal measures in, for display ({@code ms/s}); empty when it has none. */
    public Optional<String> unit() {
        return Optional.ofNullable(unit);
    }

    /** {@code backpressure}, {@code cpu}, …: as in packs, JSON and messages. */
    public String spelling() {
        return Spelling.of(this);
    }
}

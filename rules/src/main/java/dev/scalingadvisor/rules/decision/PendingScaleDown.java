package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A scale-down recommended since {@code since}, waiting out {@code scaleDownDelay}; {@code highest} keeps,
 * per vertex, the highest target seen in that window, which is what is decided when the delay is over.
 */
public record PendingScaleDown(Instant since, Map<VertexId, Integer> highest) {

    public PendingScaleDown {
        Objects.requireNonNull(since, "since");
        highest = Collections.unmodifiableMap(new LinkedHashMap<>(highest));
    }
}

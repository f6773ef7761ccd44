package dev.scalingadvisor.testbed.prometheus;

import java.time.Instant;
import java.util.Map;

/** One series' value in the answer to an instant query. */
public record InstantSample(Map<String, String> labels, Instant at, double value) {

    public InstantSample {
        labels = Map.copyOf(labels);
    }

    public String label(String name) {
        return labels.get(name);
    }
}

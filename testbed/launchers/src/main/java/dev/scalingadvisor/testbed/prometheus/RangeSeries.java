package dev.scalingadvisor.testbed.prometheus;

import java.util.List;
import java.util.Map;

/** One series in the answer to a range query. */
public record RangeSeries(Map<String, String> labels, List<Sample> samples) {

    public RangeSeries {
        labels = Map.copyOf(labels);
        samples = List.copyOf(samples);
    }
}

package dev.scalingadvisor.rules.query;

import java.util.List;
import java.util.Objects;

/** One series of a range query's answer: its samples at the query's steps, oldest first, gaps left out. */
public record RangeSeries(SeriesLabels labels, List<Sample> samples) {

    public RangeSeries {
        Objects.requireNonNull(labels, "labels");
        samples = List.copyOf(samples);
    }
}

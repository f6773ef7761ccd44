package dev.scalingadvisor.rules.query;

import java.util.Objects;

/**
 * One series of an instant query's answer. Its sample's time is the <em>evaluation</em> time, not
 * when the underlying data was scraped: judge staleness with {@code timestamp()} in the query.
 */
public record InstantSeries(SeriesLabels labels, Sample sample) {

    public InstantSeries {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(sample, "sample");
    }
}

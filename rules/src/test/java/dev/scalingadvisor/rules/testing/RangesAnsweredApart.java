package dev.scalingadvisor.rules.testing;

import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Prometheus answering instant queries as another one does and range queries as a test says: a server that times
 * out on some ranges, or keeps its samples on another grid.
 */
public final class RangesAnsweredApart implements Prometheus {

    /** What the range query is answered with. */
    @FunctionalInterface
    public interface RangeAnswer {
        QueryOutcome answer(String promql, Instant start, Instant end, Duration step);
    }

    private final Prometheus instants;
    private final RangeAnswer ranges;
    private final String name;

    public RangesAnsweredApart(Prometheus instants, RangeAnswer ranges, String name) {
        this.instants = Objects.requireNonNull(instants, "instants");
        this.ranges = Objects.requireNonNull(ranges, "ranges");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public QueryOutcome instant(String promql, Instant at) {
        return instants.instant(promql, at);
    }

    @Override
    public QueryOutcome range(String promql, Instant start, Instant end, Duration step) {
        return ranges.answer(promql, start, end, step);
    }

    @Override
    public String displayName() {
        return name;
    }
}

package dev.scalingadvisor.rules.testing;

import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the queries made through it. */
public final class CountingPrometheus implements Prometheus {

    private final Prometheus delegate;
    public final AtomicInteger instant = new AtomicInteger();
    public final AtomicInteger range = new AtomicInteger();

    public CountingPrometheus(Prometheus delegate) {
        this.delegate = delegate;
    }

    @Override
    public QueryOutcome instant(String promql, Instant at) {
        instant.incrementAndGet();
        return delegate.instant(promql, at);
    }

    @Override
    public QueryOutcome range(String promql, Instant start, Instant end, Duration step) {
        range.incrementAndGet();
        return delegate.range(promql, start, end, step);
    }

    @Override
    public String displayName() {
        return delegate.displayName();
    }
}

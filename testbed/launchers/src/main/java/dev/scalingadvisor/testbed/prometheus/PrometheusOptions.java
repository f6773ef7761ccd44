package dev.scalingadvisor.testbed.prometheus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a test Prometheus: its scrape (and rule evaluation) interval, an optional data dir to reuse,
 * and synthetic history to backfill before it starts.
 */
public record PrometheusOptions(Duration scrapeInterval, Optional<Path> dataDir, List<SyntheticSeries> backfill) {

    public static final Duration MIN_SCRAPE_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_SCRAPE_INTERVAL = Duration.ofSeconds(5);

    public PrometheusOptions {
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        if (scrapeInterval.compareTo(MIN_SCRAPE_INTERVAL) < 0
                || scrapeInterval.compareTo(MAX_SCRAPE_INTERVAL) > 0
                || scrapeInterval.toMillisPart() != 0) {
            throw new IllegalArgumentException(
                    "scrape interval must be whole seconds from 1 s to 5 s, not " + scrapeInterval);
        }
        dataDir = Objects.requireNonNullElse(dataDir, Optional.empty());
        backfill = List.copyOf(backfill);
    }

    /** Scrape every second, fresh temp TSDB, no history. */
    public static PrometheusOptions defaults() {
        return new PrometheusOptions(MIN_SCRAPE_INTERVAL, Optional.empty(), List.of());
    }

    public PrometheusOptions withScrapeInterval(Duration interval) {
        return new PrometheusOptions(interval, dataDir, backfill);
    }

    /** Use (and keep) this TSDB directory instead of a temp one. */
    public PrometheusOptions withDataDir(Path dir) {
        return new PrometheusOptions(scrapeInterval, Optional.of(dir), backfill);
    }

    public PrometheusOptions withBackfill(List<SyntheticSeries> series) {
        return new PrometheusOptions(scrapeInterval, dataDir, series);
    }
}

package dev.scalingadvisor.testbed.flink;

import dev.scalingadvisor.testbed.prometheus.PrometheusExtension;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A Flink cluster and a Prometheus that scrapes its reporters every second, for one test class: the testbed most
 * end-to-end tests need, as one extension. The cluster starts first and Prometheus is told its targets (and each
 * TaskManager added later); both stop after the last test, Prometheus first, also when a test or a start failed;
 * both print their logs when a test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ScrapedFlinkExtension testbed = new ScrapedFlinkExtension(
 *         FlinkClusterOptions.defaults().withTaskManagers(2).withSlotsPerTaskManager(2));
 * }</pre>
 *
 * One extension rather than two on two fields, because JUnit runs two {@code @RegisterExtension} fields in an order
 * of its own, and Prometheus can only be told the cluster's targets once the cluster runs.
 */
public final class ScrapedFlinkExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private final FlinkClusterExtension flink;
    private final PrometheusExtension prometheus = PrometheusExtension.scrapeEvery(SCRAPE_INTERVAL);

    public ScrapedFlinkExtension(FlinkClusterOptions options) {
        this.flink = new FlinkClusterExtension(options);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        flink.beforeAll(context);
        prometheus.beforeAll(context);
        prometheus.scrape(flink.cluster());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            prometheus.afterAll(context);
        } finally {
            flink.afterAll(context);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        flink.testFailed(context, cause);
        prometheus.testFailed(context, cause);
    }

    /** The running cluster; only valid between beforeAll and afterAll. */
    public FlinkCluster cluster() {
        return flink.cluster();
    }

    /** The Prometheus scraping the cluster (and whatever else a test adds with its {@code scrape}). */
    public PrometheusExtension prometheus() {
        return prometheus;
    }
}

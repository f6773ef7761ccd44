package dev.scalingadvisor.testbed.prometheus;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs one {@link PrometheusServer} for a test class, stops it after the last test even when tests fail,
 * and prints its log when a test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static PrometheusExtension prometheus = PrometheusExtension.scrapeEvery(Duration.ofSeconds(1));
 * }</pre>
 */
public final class PrometheusExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final PrometheusOptions options;
    private PrometheusServer server;

    private PrometheusExtension(PrometheusOptions options) {
        this.options = options;
    }

    public static PrometheusExtension scrapeEvery(Duration interval) {
        return new PrometheusExtension(PrometheusOptions.defaults().withScrapeInterval(interval));
    }

    public static PrometheusExtension withOptions(PrometheusOptions options) {
        return new PrometheusExtension(options);
    }

    /** The same extension with this history backfilled before Prometheus starts. */
    public PrometheusExtension withBackfill(List<SyntheticSeries> series) {
        return new PrometheusExtension(options.withBackfill(series));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = PrometheusServer.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (server != null) {
            System.err.println("[testbed] " + context.getDisplayName() + " failed; Prometheus " + server.baseUrl()
                    + "\n" + server.logExcerpt());
        }
    }

    /** The running server; only valid between beforeAll and afterAll. */
    public PrometheusServer server() {
        if (server == null) {
            throw new IllegalStateException(
                    "Prometheus is not running: use the extension with @RegisterExtension on a static field");
        }
        return server;
    }

    public String baseUrl() {
        return server().baseUrl();
    }

    public PrometheusQueries queries() {
        return server().queries();
    }

    public void scrape(String job, List<String> targets) {
        server().scrape(job, targets);
    }

    public void scrape(ScrapeTargetSource source) {
        server().scrape(source);
    }
}

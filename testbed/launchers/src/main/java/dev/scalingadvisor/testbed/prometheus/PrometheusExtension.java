package dev.scalingadvisor.testbed.prometheus;

import dev.scalingadvisor.testbed.process.ServerExtension;
import java.time.Duration;
import java.util.List;

/**
 * Runs one {@link PrometheusServer} for a test class, stops it after the last test even when tests fail,
 * and prints its log when a test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static PrometheusExtension prometheus = PrometheusExtension.scrapeEvery(Duration.ofSeconds(1));
 * }</pre>
 */
public final class PrometheusExtension extends ServerExtension<PrometheusServer> {

    private final PrometheusOptions options;

    private PrometheusExtension(PrometheusOptions options) {
        super("Prometheus");
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
    protected PrometheusServer start() {
        return PrometheusServer.start(options);
    }

    @Override
    protected String whereAndLog(PrometheusServer server) {
        return server.baseUrl() + "\n" + server.logExcerpt();
    }

    /** The running server; only valid between beforeAll and afterAll. */
    public PrometheusServer server() {
        return running();
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

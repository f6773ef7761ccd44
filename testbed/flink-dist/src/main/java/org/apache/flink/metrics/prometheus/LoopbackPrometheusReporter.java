package org.apache.flink.metrics.prometheus;

import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Flink's Prometheus reporter, serving on 127.0.0.1 only: the stock {@code PrometheusReporter} binds every
 * interface and has no host option, and the testbed's servers must not be reachable from outside the machine.
 * Metric names and labels come from Flink's own {@link AbstractPrometheusReporter}, so they are exactly what the
 * stock reporter exports. It lives in Flink's package because the collector registry is package-private.
 */
public class LoopbackPrometheusReporter extends AbstractPrometheusReporter {

    private final HTTPServer httpServer;

    LoopbackPrometheusReporter(int port) {
        try {
            httpServer = new HTTPServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), registry, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve Prometheus metrics on 127.0.0.1:" + port, e);
        }
        log.info("Started loopback PrometheusReporter HTTP server on 127.0.0.1:{}", httpServer.getPort());
    }

    @Override
    public void close() {
        httpServer.stop();
        super.close();
    }
}

package org.apache.flink.metrics.prometheus;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Creates a {@link LoopbackPrometheusReporter}; configured like the stock one
 * ({@code metrics.reporter.prom.factory.class} and {@code metrics.reporter.prom.port}), but the port is one
 * number, chosen free by the testbed for each process.
 */
public class LoopbackPrometheusReporterFactory implements MetricReporterFactory {

    @Override
    public LoopbackPrometheusReporter createMetricReporter(Properties properties) {
        String port = properties.getProperty("port");
        if (port == null || !port.matches("\\d+")) {
            throw new IllegalArgumentException("metrics.reporter.<name>.port must be one port number, not " + port);
        }
        return new LoopbackPrometheusReporter(Integer.parseInt(port));
    }
}

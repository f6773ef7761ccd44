package dev.scalingadvisor.testbed.e2e.demo;

import dev.scalingadvisor.testbed.e2e.advisor.AdvisorConfigFile;
import dev.scalingadvisor.testbed.e2e.advisor.RescaleJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The advisor's configuration for the demo: the template {@code /demo/advisor.yaml} and the rule pack
 * {@code /demo/rules.yaml} (both in {@code testbed/e2e/src/main/resources/demo/}), plus what only exists at run
 * time: the servers' URLs, the load job's jar and program arguments, the webhook sink and its secret, the state
 * dir.
 */
final class DemoAdvisorConfig {

    static final String TEMPLATE = "/demo/advisor.yaml";
    static final String RULE_PACK = "/demo/rules.yaml";
    static final String CLUSTER_NAME = "demo";
    static final String WEBHOOK_NOTIFIER = "demo-sink";

    private DemoAdvisorConfig() {}

    /** What the demo knows only once its servers run. */
    record RunTime(
            String prometheusUrl,
            String flinkRestUrl,
            String jobName,
            RescaleJar jar,
            String webhookUrl,
            String webhookSecret) {}

    /** Copies the rule pack into {@code advisorDir} and returns the configuration that uses it. */
    static AdvisorConfigFile create(RunTime run, Path advisorDir) {
        Path pack = copyResource(RULE_PACK, advisorDir.resolve("rules.yaml"));
        return AdvisorConfigFile.fromResource(TEMPLATE)
                .withPrometheus(run.prometheusUrl())
                .withFlinkCluster(CLUSTER_NAME, run.flinkRestUrl())
                .withRulePack(pack)
                .withJob(
                        nameRegex(run.jobName()),
                        Map.of("rescale", Map.of("jar", run.jar().asMapping())))
                .withWebhookNotifier(WEBHOOK_NOTIFIER, run.webhookUrl(), run.webhookSecret())
                .withStateDir(advisorDir.resolve("state"))
                .with("http.bind", "127.0.0.1")
                .with("http.port", 0);
    }

    /**
     * A regex for the job's name that matches it both as Flink's REST API spells it ({@code demo-orders}) and as
     * its Prometheus reporter does ({@code demo_orders}): every character the reporter replaces by {@code _}
     * (docs/metrics.md, "Sanitisation") becomes {@code .}, so the override applies whichever name the advisor
     * sees.
     */
    static String nameRegex(String jobName) {
        return jobName.replaceAll("[^A-Za-z0-9_]", ".");
    }

    private static Path copyResource(String resource, Path target) {
        try (InputStream in = DemoAdvisorConfig.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the demo jar");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + resource + " to " + target, e);
        }
    }
}

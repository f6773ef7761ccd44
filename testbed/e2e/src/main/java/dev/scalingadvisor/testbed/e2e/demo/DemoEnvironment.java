package dev.scalingadvisor.testbed.e2e.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorConfigFile;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorProcess;
import dev.scalingadvisor.testbed.e2e.advisor.RescaleJar;
import dev.scalingadvisor.testbed.e2e.webhook.ReceivedWebhook;
import dev.scalingadvisor.testbed.e2e.webhook.StandardWebhooks;
import dev.scalingadvisor.testbed.e2e.webhook.WebhookSink;
import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.TestbedBuild;
import dev.scalingadvisor.testbed.kafka.KafkaBroker;
import dev.scalingadvisor.testbed.loadjob.KafkaReading;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.Submission;
import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import dev.scalingadvisor.testbed.prometheus.PrometheusServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Everything the demo runs, started step by step so that an interruption at any point stops exactly what was
 * started: the Flink cluster, Prometheus, the webhook sink, the Kafka broker (when the job reads Kafka), the load
 * job and the advisor. {@link #close()} stops them in the order that keeps the state consistent (the advisor first,
 * so it starts no rescale while the job is being cancelled) and keeps every log in the run dir.
 */
final class DemoEnvironment implements AutoCloseable {

    private static final Duration JOB_START_TIMEOUT = Duration.ofMinutes(2);
    private static final Set<String> TERMINAL = Set.of("FINISHED", "CANCELED", "FAILED");

    private final Scenario scenario;
    private final RunDirectory runDir;
    private FlinkCluster cluster;
    private PrometheusServer prometheus;
    private KafkaBroker kafka;
    private WebhookSink sink;
    private LoadJob load;
    private AdvisorProcess advisor;

    DemoEnvironment(Scenario scenario, RunDirectory runDir) {
        this.scenario = scenario;
        this.runDir = runDir;
    }

    FlinkCluster startFlink() {
        cluster = FlinkCluster.start(FlinkClusterOptions.defaults()
                .withTaskManagers(scenario.taskManagers())
                .withSlotsPerTaskManager(scenario.slotsPerTaskManager()));
        cluster.logs().forEach((name, file) -> runDir.link("flink-" + name + ".log", file));
        return cluster;
    }

    PrometheusServer startPrometheus() {
        prometheus = PrometheusServer.start(PrometheusOptions.defaults().withScrapeInterval(scenario.scrapeInterval()));
        runDir.link("prometheus.log", prometheus.logFile());
        prometheus.scrape(requireCluster());
        return prometheus;
    }

    WebhookSink startWebhookSink(Consumer<ReceivedWebhook> onWebhook) {
        sink = WebhookSink.start(StandardWebhooks.newSecret(), webhook -> {
            appendWebhook(webhook);
            onWebhook.accept(webhook);
        });
        return sink;
    }

    /** A KRaft broker for the job to read from; {@link #startLoadJob()} then makes the Kafka variant of the job. */
    KafkaBroker startKafka() {
        kafka = KafkaBroker.start();
        runDir.link("kafka.log", kafka.logFile());
        return kafka;
    }

    /**
     * Submits the load job at the scenario's initial parallelism and baseline rate; returns once all its tasks run.
     * With a broker started, the job reads the scenario's topic on it (produced into at the offered rate);
     * otherwise its source generates the offered load in the job.
     */
    LoadJob startLoadJob() {
        LoadJobOptions options = LoadJobOptions.defaults().withJobName(scenario.jobName());
        load = kafka == null
                ? LoadJob.create(options)
                : LoadJob.onKafka(
                        options,
                        kafka,
                        KafkaReading.of(
                                scenario.jobName(),
                                scenario.kafka().partitions(),
                                scenario.kafka().sourceParallelism()));
        // The load starts once the job runs: produced into Kafka before, it would be a backlog of the start.
        load.submitAndAwaitRunning(
                requireCluster(), Submission.parallelism(scenario.initialParallelism()), JOB_START_TIMEOUT);
        load.setRate(scenario.baselineRate());
        return load;
    }

    /** Starts the advisor in act mode with the demo's configuration, and has Prometheus scrape its metrics. */
    AdvisorProcess startAdvisor() {
        return startAdvisor(UnaryOperator.identity());
    }

    /** As {@link #startAdvisor()}, with the demo's configuration changed by {@code adjust} (the soak's budget). */
    AdvisorProcess startAdvisor(UnaryOperator<AdvisorConfigFile> adjust) {
        advisor = AdvisorProcess.start(adjust.apply(advisorConfig()), runDir.advisorDir());
        runDir.link("advisor.log", advisor.logFile());
        requirePrometheus().scrape(advisor);
        return advisor;
    }

    /** The demo's advisor configuration for the servers and the job this environment runs. */
    AdvisorConfigFile advisorConfig() {
        RescaleJar jar = RescaleJar.byName(
                        TestbedBuild.loadJobJar().getFileName().toString())
                .withEntryClass(requireLoad().entryClass())
                .withArgs(requireLoad().options().programArguments(requireLoad().control()));
        return DemoAdvisorConfig.create(
                new DemoAdvisorConfig.RunTime(
                        requirePrometheus().baseUrl(),
                        requireCluster().restUrl(),
                        scenario.jobName(),
                        jar,
                        requireSink().url(),
                        requireSink().secret()),
                runDir.advisorDir());
    }

    FlinkCluster cluster() {
        return requireCluster();
    }

    PrometheusServer prometheus() {
        return requirePrometheus();
    }

    LoadJob load() {
        return requireLoad();
    }

    AdvisorProcess advisor() {
        if (advisor == null) {
            throw new IllegalStateException("the advisor has not been started");
        }
        return advisor;
    }

    WebhookSink sink() {
        return requireSink();
    }

    Optional<WebhookSink> sinkIfStarted() {
        return Optional.ofNullable(sink);
    }

    Optional<KafkaBroker> kafkaIfStarted() {
        return Optional.ofNullable(kafka);
    }

    Optional<AdvisorProcess> advisorIfStarted() {
        return Optional.ofNullable(advisor);
    }

    /**
     * Stops everything that was started, each step on its own so that one failure does not leave the rest
     * running; fails at the end naming what went wrong.
     */
    @Override
    public void close() {
        List<String> problems = closeAll();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("stopping the demo: " + String.join("; ", problems));
        }
    }

    /** As {@link #close()}, returning the problems instead of throwing them. */
    List<String> closeAll() {
        List<String> problems = new ArrayList<>();
        if (advisor != null && advisor.isRunning()) {
            step(problems, "stop the advisor", () -> {
                int exit = advisor.stop();
                if (exit != 0) {
                    problems.add("the advisor exited with " + exit + " on SIGTERM (see logs/advisor.log)");
                }
            });
        }
        if (cluster != null) {
            step(problems, "cancel the demo's Flink jobs", this::cancelRunningJobs);
        }
        List<String> missing = runDir.preserve();
        if (!missing.isEmpty()) {
            problems.add("logs not kept: " + missing);
        }
        if (load != null) {
            step(problems, "stop the load", load::close);
        }
        if (kafka != null) {
            step(problems, "stop Kafka", kafka::close);
        }
        if (prometheus != null) {
            step(problems, "stop Prometheus", prometheus::close);
        }
        if (cluster != null) {
            step(problems, "stop Flink", cluster::close);
        }
        if (sink != null) {
            step(problems, "stop the webhook sink", sink::close);
        }
        return problems;
    }

    private void cancelRunningJobs() {
        for (JsonNode job : cluster.rest().get("/jobs/overview").path("jobs")) {
            String id = job.path("jid").asText();
            if (!TERMINAL.contains(job.path("state").asText())) {
                cluster.rest().cancel(id);
                cluster.rest().awaitJobState(id, "CANCELED", Duration.ofSeconds(30));
            }
        }
    }

    private static void step(List<String> problems, String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | AssertionError e) {
            problems.add("could not " + what + ": " + e.getMessage());
        }
    }

    private void appendWebhook(ReceivedWebhook webhook) {
        String line =
                (webhook.json().isMissingNode() ? TextNode.valueOf(webhook.bodyText()) : webhook.json()).toString();
        try {
            Files.writeString(runDir.webhooksFile(), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The terminal line is what the demo shows; the file is a convenience.
        }
    }

    private FlinkCluster requireCluster() {
        if (cluster == null) {
            throw new IllegalStateException("the Flink cluster has not been started");
        }
        return cluster;
    }

    private PrometheusServer requirePrometheus() {
        if (prometheus == null) {
            throw new IllegalStateException("Prometheus has not been started");
        }
        return prometheus;
    }

    private LoadJob requireLoad() {
        if (load == null) {
            throw new IllegalStateException("the load job has not been started");
        }
        return load;
    }

    private WebhookSink requireSink() {
        if (sink == null) {
            throw new IllegalStateException("the webhook sink has not been started");
        }
        return sink;
    }
}

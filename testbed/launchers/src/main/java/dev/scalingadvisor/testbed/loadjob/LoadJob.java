package dev.scalingadvisor.testbed.loadjob;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.TestbedBuild;
import dev.scalingadvisor.testbed.kafka.KafkaBroker;
import dev.scalingadvisor.testbed.kafka.KeyDistribution;
import dev.scalingadvisor.testbed.process.Waits;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A controllable, checkable stateful Flink job for tests, the demo and benchmarks: a Kafka-like source whose
 * offered rate the test sets ({@link LoadControl}), a CPU-heavy keyed operator ({@value #HEAVY_OPERATOR}) that
 * is the one to rescale, and a ledger proving afterwards that no keyed state was lost. The job outlives single
 * Flink runs: stop it with a savepoint, {@link #submit} again from that savepoint, and it continues at the same
 * offset with the same counts.
 *
 * <pre>{@code
 * try (LoadJob load = LoadJob.create(LoadJobOptions.defaults().withJobName("orders-v2"))) {
 *     load.setRate(LoadJobOptions.SATURATING_RATE);
 *     String jobId = load.submit(cluster, Submission.parallelism(1));
 *     String savepoint = load.stopWithSavepoint(cluster, Duration.ofSeconds(60));
 *     load.submit(cluster, Submission.parallelism(2).fromSavepoint(savepoint));
 *     load.setRate(0);
 *     LoadJobState state = load.awaitDrained(Duration.ofSeconds(60));   // state.noStateLost()
 * }
 * }</pre>
 */
public final class LoadJob implements AutoCloseable {

    private static final Duration POLL_PAUSE = Duration.ofMillis(200);

    /** Name (and uid) of the heavy keyed operator; its vertex is the one to rescale. */
    public static final String HEAVY_OPERATOR = "count-per-key";
    /** Name of the source operator; Flink names its vertex {@code Source: orders}. */
    public static final String SOURCE = "orders";
    /** Name of the ledger operator (chained with the discarding sink). */
    public static final String LEDGER = "ledger";
    /** The job jar's entry class, for whoever resubmits the job (the advisor's savepoint-redeploy in the demo). */
    public static final String ENTRY_CLASS = "dev.scalingadvisor.testbed.loadjob.job.LoadJobMain";

    private static final String LEDGER_FILE = "ledger";
    private static final java.util.Set<String> TERMINAL_STATES = java.util.Set.of("FINISHED", "CANCELED", "FAILED");

    private final LoadJobOptions options;
    private final LoadProducer control;
    private volatile String jobId;
    private volatile FlinkCluster cluster;

    private LoadJob(LoadJobOptions options, LoadProducer control) {
        this.options = options;
        this.control = control;
    }

    /** A load job with its producer at rate 0; nothing runs in Flink until {@link #submit}. */
    public static LoadJob create(LoadJobOptions options) {
        return new LoadJob(options, LoadControl.start(0));
    }

    /**
     * The Kafka variant: creates {@code topic} with {@code partitions} partitions on {@code broker}, a producer into
     * it at rate 0 with the options' keys and hot key, and a job that reads it with Flink's KafkaSource at
     * {@code sourceParallelism}. The same heavy operator, ledger and state check as {@link #create}.
     */
    public static LoadJob onKafka(
            LoadJobOptions options, KafkaBroker broker, String topic, int partitions, int sourceParallelism) {
        return onKafka(options, broker, KafkaReading.of(topic, partitions, sourceParallelism));
    }

    /** The Kafka variant, reading as {@code reading} says (e.g. with the source's read rate capped). */
    public static LoadJob onKafka(LoadJobOptions options, KafkaBroker broker, KafkaReading reading) {
        KeyDistribution keys = KeyDistribution.uniform(options.keys()).withHotKey(options.hotKeyFraction());
        return new LoadJob(options, KafkaLoad.start(broker, reading, keys));
    }

    /**
     * Uploads the job jar (once per cluster) and runs the job with {@code submission}; returns the Flink job id
     * once the job is known to the cluster (it may still be scheduling).
     */
    public String submit(FlinkCluster cluster, Submission submission) {
        String jarId = cluster.uploadedJarId(TestbedBuild.loadJobJar());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entryClass", control.entryClass());
        body.put("programArgsList", options.programArguments(control));
        body.put("parallelism", submission.parallelism());
        submission.savepointPath().ifPresent(path -> body.put("savepointPath", path));
        if (!submission.flinkConfiguration().isEmpty()) {
            body.put("flinkConfiguration", submission.flinkConfiguration());
        }
        JsonNode answer = cluster.rest().post("/jars/" + jarId + "/run", body);
        this.cluster = cluster;
        jobId = answer.path("jobid").asText();
        return jobId;
    }

    /** Submits and waits until every task of the job runs, so metrics and rates start from a known point. */
    public String submitAndAwaitRunning(FlinkCluster cluster, Submission submission, Duration timeout) {
        String id = submit(cluster, submission);
        cluster.rest().awaitAllTasksRunning(id, timeout);
        return id;
    }

    /** Stops the last submitted run with a savepoint (no drain) and returns the savepoint's location. */
    public String stopWithSavepoint(FlinkCluster cluster, Duration timeout) {
        return cluster.rest().stopWithSavepoint(requireJobId(), timeout);
    }

    /** The Flink job id of the last submission. */
    public String jobId() {
        return requireJobId();
    }

    public LoadJobOptions options() {
        return options;
    }

    /** The producer side: the rate, what was produced and read, the directory shared with the job. */
    public LoadProducer control() {
        return control;
    }

    /** The job jar's entry class of this variant, for whoever resubmits the job. */
    public String entryClass() {
        return control.entryClass();
    }

    /** Sets the producer's offered rate in records per second (0 stops producing). */
    public void setRate(double recordsPerSecond) {
        control.setRate(recordsPerSecond);
    }

    /**
     * Produced, read and the ledger's totals as of now (the job publishes them every 100–200 ms; the Kafka
     * variant's read position is what its consumer group committed, at every checkpoint).
     */
    public LoadJobState readState() {
        long produced = control.produced();
        long read = control.read();
        Properties ledger = readLedger(control.dir().resolve(LEDGER_FILE));
        return new LoadJobState(
                produced,
                read,
                number(ledger, "sumOfKeyCounts"),
                number(ledger, "resets"),
                number(ledger, "gaps"),
                number(ledger, "records"),
                number(ledger, "keys"));
    }

    /**
     * Waits until everything produced has been read and has reached the ledger; set the rate to 0 first. Fails
     * with the last state seen when nothing more was read for {@code stall}, or after three times {@code stall} in
     * all: a backlog built while a rescale stopped the job on a busy machine drains slowly but steadily, a job that
     * lost its input or stopped counting does not move at all.
     */
    public LoadJobState awaitDrained(Duration stall) {
        Instant start = Instant.now();
        Instant lastProgress = start;
        LoadJobState state = readState();
        while (!state.drained()) {
            Instant now = Instant.now();
            if (now.isAfter(lastProgress.plus(stall)) || now.isAfter(start.plus(stall.multipliedBy(3)))) {
                throw new AssertionError("load job " + options.jobName() + " did not drain: "
                        + (now.isAfter(lastProgress.plus(stall))
                                ? "nothing more read for " + stall.toSeconds() + " s"
                                : "not within " + stall.multipliedBy(3).toSeconds() + " s")
                        + " (rate " + control.rate() + "/s); last state: " + state);
            }
            Waits.sleep(POLL_PAUSE);
            LoadJobState next = readState();
            if (next.read() > state.read() || next.records() > state.records()) {
                lastProgress = Instant.now();
            }
            state = next;
        }
        return state;
    }

    /**
     * Cancels the last submitted run if it is still running, stops the producer and deletes the control dir;
     * cancelling first keeps a running job from writing into the directory while it is deleted.
     */
    @Override
    public void close() {
        try {
            cancelIfRunning();
        } finally {
            control.close();
        }
    }

    private void cancelIfRunning() {
        if (jobId == null || cluster == null) {
            return;
        }
        try {
            String state = cluster.rest().jobState(jobId);
            if (!TERMINAL_STATES.contains(state)) {
                cluster.rest().cancel(jobId);
                cluster.rest().awaitJobState(jobId, "CANCELED", Duration.ofSeconds(30));
            }
        } catch (RuntimeException | AssertionError e) {
            // The cluster may already be gone, and then so is the job; nothing else to clean up.
            System.err.println("[testbed] could not cancel load job " + jobId + ": " + e.getMessage());
        }
    }

    private String requireJobId() {
        if (jobId == null) {
            throw new IllegalStateException("load job " + options.jobName() + " was never submitted");
        }
        return jobId;
    }

    private static Properties readLedger(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file)));
        } catch (NoSuchFileException e) {
            // No record has reached the ledger yet: all totals are 0.
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return properties;
    }

    private static long number(Properties properties, String name) {
        return Long.parseLong(properties.getProperty(name, "0"));
    }
}

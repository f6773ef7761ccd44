package dev.scalingadvisor.testbed.e2e.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scalingadvisor.testbed.e2e.DurationText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The demo's script, read from {@code /demo/scenario.yaml}: the cluster, the job, the Kafka topic it reads (when
 * the demo runs on Kafka), the offered load of each phase and how long each phase waits for the advisor.
 */
public record Scenario(
        String jobName,
        int initialParallelism,
        int taskManagers,
        int slotsPerTaskManager,
        Duration scrapeInterval,
        KafkaTopic kafka,
        double baselineRate,
        double surgeRate,
        double calmRate,
        Phases phases,
        Duration timelineEvery) {

    public static final String RESOURCE = "/demo/scenario.yaml";

    public Scenario {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(phases, "phases");
        Objects.requireNonNull(timelineEvery, "timelineEvery");
        if (initialParallelism < 1 || taskManagers < 1 || slotsPerTaskManager < 1) {
            throw new IllegalArgumentException("parallelism, TaskManagers and slots must be at least 1");
        }
        if (baselineRate < 0 || surgeRate <= baselineRate || calmRate < 0 || calmRate >= surgeRate) {
            throw new IllegalArgumentException("rates must rise from baseline to surge and fall to calm: "
                    + baselineRate + " / " + surgeRate + " / " + calmRate);
        }
    }

    /** The topic the Kafka variant of the job reads: its partitions and the source's parallelism. */
    public record KafkaTopic(int partitions, int sourceParallelism) {

        public KafkaTopic {
            if (partitions < 1 || sourceParallelism < 1 || sourceParallelism > partitions) {
                throw new IllegalArgumentException("kafka.partitions and kafka.sourceParallelism must be at least 1,"
                        + " with no more source subtasks than partitions: " + partitions + " / " + sourceParallelism);
            }
        }
    }

    /** How long each phase lasts or waits. */
    public record Phases(
            Duration baseline,
            Duration surgeTimeout,
            Duration settleMin,
            Duration settleMax,
            long settleLag,
            Duration calmTimeout,
            Duration afterScaleDown,
            Duration advisorRecord,
            Duration withoutScaleUp,
            Duration drainTimeout,
            Duration loadBudget) {

        public Phases {
            for (Duration d : List.of(
                    baseline,
                    surgeTimeout,
                    settleMin,
                    settleMax,
                    calmTimeout,
                    afterScaleDown,
                    advisorRecord,
                    withoutScaleUp,
                    drainTimeout,
                    loadBudget)) {
                Objects.requireNonNull(d, "phase duration");
            }
            if (settleMax.compareTo(settleMin) < 0) {
                throw new IllegalArgumentException("phases.settleMax is shorter than phases.settleMin");
            }
        }
    }

    /** The scenario shipped with the demo. */
    public static Scenario load() {
        try (InputStream in = Scenario.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the demo jar");
            }
            return parse(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    /** Reads a scenario document; fails listing every missing or malformed key. */
    static Scenario parse(JsonNode root) {
        Reader r = new Reader(root);
        Duration baselinePhase = r.duration("phases.baseline");
        Duration surgeTimeout = r.duration("phases.surgeTimeout");
        Duration settleMin = r.duration("phases.settleMin");
        Duration settleMax = r.duration("phases.settleMax");
        Duration calmTimeout = r.duration("phases.calmTimeout");
        Duration afterScaleDown = r.duration("phases.afterScaleDown");
        Duration advisorRecord = r.duration("phases.advisorRecord");
        Duration withoutScaleUp = r.duration("phases.withoutScaleUp");
        Duration drainTimeout = r.duration("phases.drainTimeout");
        Duration loadBudget = r.duration("phases.loadBudget");
        long settleLag = r.integer("phases.settleLag");
        String jobName = r.text("job.name");
        long initialParallelism = r.integer("job.initialParallelism");
        long taskManagers = r.integer("flink.taskManagers");
        long slots = r.integer("flink.slotsPerTaskManager");
        Duration scrapeInterval = r.duration("prometheus.scrapeInterval");
        long partitions = r.integer("kafka.partitions");
        long sourceParallelism = r.integer("kafka.sourceParallelism");
        double baseline = r.number("load.baselineRate");
        double surge = r.number("load.surgeRate");
        double calm = r.number("load.calmRate");
        Duration timelineEvery = r.duration("timeline.every");
        r.throwIfProblems();
        Phases phases = new Phases(
                baselinePhase,
                surgeTimeout,
                settleMin,
                settleMax,
                settleLag,
                calmTimeout,
                afterScaleDown,
                advisorRecord,
                withoutScaleUp,
                drainTimeout,
                loadBudget);
        return new Scenario(
                jobName,
                (int) initialParallelism,
                (int) taskManagers,
                (int) slots,
                scrapeInterval,
                new KafkaTopic((int) partitions, (int) sourceParallelism),
                baseline,
                surge,
                calm,
                phases,
                timelineEvery);
    }

    /** Reads dotted keys and collects every problem, so one run names them all. */
    private static final class Reader {
        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();

        Reader(JsonNode root) {
            this.root = root;
        }

        String text(String key) {
            JsonNode node = node(key);
            return node.isTextual() ? node.asText() : problem(key, "a text", "");
        }

        long integer(String key) {
            JsonNode node = node(key);
            return node.canConvertToLong() && node.isIntegralNumber()
                    ? node.asLong()
                    : problem(key, "a whole number", 1L);
        }

        double number(String key) {
            JsonNode node = node(key);
            return node.isNumber() ? node.asDouble() : problem(key, "a number", 1.0);
        }

        Duration duration(String key) {
            JsonNode node = node(key);
            try {
                return DurationText.parse(node.asText(null));
            } catch (IllegalArgumentException e) {
                return problem(key, "a duration like 30s or 3m30s", Duration.ofSeconds(1));
            }
        }

        void throwIfProblems() {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(RESOURCE + ": " + String.join("; ", problems));
            }
        }

        private JsonNode node(String key) {
            return root.at("/" + key.replace('.', '/'));
        }

        private <T> T problem(String key, String expected, T placeholder) {
            problems.add(key + " must be " + expected + ", got "
                    + (node(key).isMissingNode() ? "nothing" : node(key).toString()));
            return placeholder;
        }
    }
}

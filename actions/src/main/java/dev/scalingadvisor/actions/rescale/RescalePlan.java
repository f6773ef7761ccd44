package dev.scalingadvisor.actions.rescale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rescale that passed its guards, with everything needed to carry it out or, after a crash, to finish it:
 * recorded in the journal before anything on the cluster changes.
 *
 * @param vertices every vertex of the job with its name and its parallelism before and after (unchanged ones
 *                 too, so a resubmission pins all of them and verification checks all of them)
 * @param jar      how to resubmit (savepoint-redeploy only)
 */
public record RescalePlan(
        OperationId id,
        ClusterName cluster,
        JobRef job,
        String reason,
        RescaleStrategy strategy,
        ParallelismChanges vertices,
        Optional<JarSubmission> jar,
        Optional<String> savepointDir,
        Limits limits) {

    private static final ObjectMapper JSON = Json.mapper();

    public RescalePlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(savepointDir, "savepointDir");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(vertices, "vertices");
        if (strategy == RescaleStrategy.AUTO) {
            throw new IllegalArgumentException("a plan has a concrete strategy, not auto");
        }
        if (!vertices.changesAny()) {
            throw new IllegalArgumentException("a plan changes the parallelism of at least one vertex");
        }
        if (strategy == RescaleStrategy.SAVEPOINT_REDEPLOY && jar.isEmpty()) {
            throw new IllegalArgumentException("savepoint-redeploy needs a jar to resubmit");
        }
    }

    public RescalePlan withJar(JarSubmission submission) {
        return new RescalePlan(
                id, cluster, job, reason, strategy, vertices, Optional.of(submission), savepointDir, limits);
    }

    /** The timeouts and pacing the operation keeps to, taken from the settings when it started. */
    public record Limits(
            Duration savepointTimeout,
            Duration runningTimeout,
            Duration verifyWindow,
            int submitAttempts,
            Duration submitBackoff,
            Duration submitTimeout,
            Duration pollInterval) {

        public Limits {
            Objects.requireNonNull(savepointTimeout, "savepointTimeout");
            Objects.requireNonNull(runningTimeout, "runningTimeout");
            Objects.requireNonNull(verifyWindow, "verifyWindow");
            Objects.requireNonNull(submitBackoff, "submitBackoff");
            Objects.requireNonNull(submitTimeout, "submitTimeout");
            Objects.requireNonNull(pollInterval, "pollInterval");
            if (submitAttempts < 1) {
                throw new IllegalArgumentException("submitAttempts must be at least 1");
            }
        }

        public static Limits of(RescaleSettings settings) {
            return new Limits(
                    settings.savepointTimeout(),
                    settings.runningTimeout(),
                    settings.verifyWindow(),
                    settings.submitAttempts(),
                    settings.submitBackoff(),
                    settings.submitTimeout(),
                    settings.pollInterval());
        }
    }

    /** The plan as the journal stores it. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id.value());
        node.put("cluster", cluster.value());
        node.put("job", job.id().value());
        node.put("jobName", job.name());
        node.put("reason", reason);
        node.put("strategy", strategy.name());
        node.set("vertices", JSON.valueToTree(vertices));
        jar.ifPresent(j -> {
            ObjectNode jarNode = node.putObject("jar");
            j.jarId().ifPresent(v -> jarNode.put("jarId", v));
            j.uploadFile().ifPresent(v -> jarNode.put("uploadFile", v.toString()));
            j.entryClass().ifPresent(v -> jarNode.put("entryClass", v));
            ArrayNode args = jarNode.putArray("args");
            j.args().forEach(args::add);
            jarNode.put("allowNonRestoredState", j.allowNonRestoredState());
        });
        savepointDir.ifPresent(dir -> node.put("savepointDir", dir));
        ObjectNode limitsNode = node.putObject("limits");
        limitsNode.put("savepointTimeoutMs", limits.savepointTimeout().toMillis());
        limitsNode.put("runningTimeoutMs", limits.runningTimeout().toMillis());
        limitsNode.put("verifyWindowMs", limits.verifyWindow().toMillis());
        limitsNode.put("submitAttempts", limits.submitAttempts());
        limitsNode.put("submitBackoffMs", limits.submitBackoff().toMillis());
        limitsNode.put("submitTimeoutMs", limits.submitTimeout().toMillis());
        limitsNode.put("pollIntervalMs", limits.pollInterval().toMillis());
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan could not be written as JSON", e);
        }
    }

    /** Reads a plan the journal stored; a plan that does not read back is a corrupt journal, not a Flink problem. */
    public static RescalePlan fromJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            ParallelismChanges vertices = vertices(node.required("vertices"));
            Optional<JarSubmission> jar = Optional.ofNullable(node.get("jar")).map(j -> {
                List<String> args = new ArrayList<>();
                j.path("args").forEach(a -> args.add(a.asText()));
                return new JarSubmission(
                        text(j, "jarId"),
                        text(j, "uploadFile").map(Path::of),
                        text(j, "entryClass"),
                        args,
                        j.path("allowNonRestoredState").asBoolean(false));
            });
            JsonNode l = node.required("limits");
            Limits limits = new Limits(
                    millis(l, "savepointTimeoutMs"),
                    millis(l, "runningTimeoutMs"),
                    millis(l, "verifyWindowMs"),
                    l.required("submitAttempts").asInt(),
                    millis(l, "submitBackoffMs"),
                    millis(l, "submitTimeoutMs"),
                    millis(l, "pollIntervalMs"));
            return new RescalePlan(
                    new OperationId(node.required("id").asText()),
                    new ClusterName(node.required("cluster").asText()),
                    new JobRef(
                            new JobId(node.required("job").asText()),
                            node.required("jobName").asText()),
                    node.required("reason").asText(),
                    RescaleStrategy.valueOf(node.required("strategy").asText()),
                    vertices,
                    jar,
                    text(node, "savepointDir"),
                    limits);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the rescale journal holds a plan that cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The vertices as {@link Json} writes {@link ParallelismChanges}; journals written before vertex names were
     * recorded hold an object keyed by vertex id, whose vertices are named by their id.
     */
    private static ParallelismChanges vertices(JsonNode node) throws JsonProcessingException {
        if (node.isArray()) {
            return JSON.treeToValue(node, ParallelismChanges.class);
        }
        List<ParallelismChange> vertices = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            vertices.add(new ParallelismChange(
                    new VertexId(e.getKey()),
                    e.getKey(),
                    e.getValue().required("from").asInt(),
                    e.getValue().required("to").asInt()));
        }
        return new ParallelismChanges(vertices);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Duration millis(JsonNode node, String field) {
        return Duration.ofMillis(node.required(field).asLong());
    }
}

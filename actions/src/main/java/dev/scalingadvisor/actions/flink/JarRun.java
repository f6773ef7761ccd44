package dev.scalingadvisor.actions.flink;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * {@code POST /jars/:jarId/run}: submit a job from an uploaded jar, optionally restoring a savepoint.
 *
 * @param parallelism          the job-wide default parallelism; vertices in {@code vertexParallelism} override it
 * @param jobId                the id the new job gets; chosen by the advisor and journaled before the call,
 *                             so a lost answer never leads to a second copy of the job (Flink refuses a
 *                             duplicate id)
 * @param vertexParallelism    per-vertex parallelism, sent as {@code pipeline.jobvertex-parallelism-overrides}
 *                             (honoured by Flink 1.19 and 1.20 at submission)
 */
public record JarRun(
        String jarId,
        Optional<String> entryClass,
        List<String> programArgs,
        OptionalInt parallelism,
        Optional<JobId> jobId,
        Optional<String> savepointPath,
        boolean allowNonRestoredState,
        Map<VertexId, Integer> vertexParallelism) {

    /** The Flink option that sets parallelism per job vertex at submission. */
    public static final String PARALLELISM_OVERRIDES = "pipeline.jobvertex-parallelism-overrides";

    public JarRun {
        Objects.requireNonNull(jarId, "jarId");
        Objects.requireNonNull(entryClass, "entryClass");
        Objects.requireNonNull(parallelism, "parallelism");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(savepointPath, "savepointPath");
        programArgs = List.copyOf(programArgs);
        vertexParallelism = Map.copyOf(vertexParallelism);
        if (parallelism.isPresent() && parallelism.getAsInt() < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        if (vertexParallelism.values().stream().anyMatch(p -> p < 1)) {
            throw new IllegalArgumentException("vertex parallelism must be at least 1");
        }
    }

    public RestCall call() {
        ObjectNode body = FlinkJson.object();
        entryClass.ifPresent(c -> body.put("entryClass", c));
        if (!programArgs.isEmpty()) {
            ArrayNode args = body.putArray("programArgsList");
            programArgs.forEach(args::add);
        }
        parallelism.ifPresent(p -> body.put("parallelism", p));
        jobId.ifPresent(id -> body.put("jobId", id.value()));
        savepointPath.ifPresent(path -> {
            body.put("savepointPath", path);
            body.put("allowNonRestoredState", allowNonRestoredState);
            // NO_CLAIM: Flink never deletes the savepoint, which rollback and recovery may need again.
            // "restoreMode" is the spelling both 1.19 and 1.20 accept (1.20 adds "claimMode", which 1.19 rejects).
            body.put("restoreMode", "NO_CLAIM");
        });
        if (!vertexParallelism.isEmpty()) {
            ObjectNode configuration = body.putObject("flinkConfiguration");
            configuration.put(PARALLELISM_OVERRIDES, overrides());
        }
        return RestCall.withJson(
                "POST", "/v1/jars/" + URLEncoder.encode(jarId, StandardCharsets.UTF_8) + "/run", FlinkJson.write(body));
    }

    /** {@code vertexA:2,vertexB:1}, sorted so the same request always reads the same. */
    String overrides() {
        return vertexParallelism.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(VertexId::value)))
                .map(e -> e.getKey().value() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }
}

package dev.scalingadvisor.testbed.e2e.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of the advisor's decision history as {@code GET /api/v1/decisions} returns it: a decision, a
 * recommendation, a rescale step's outcome or a finding.
 *
 * @param kind    {@code decision}, {@code recommendation}, {@code recommendation-resolved}, {@code rescale-started},
 *                {@code rescale-succeeded}, {@code rescale-blocked}, {@code rescale-failed}, {@code rolled-back} or
 *                {@code finding}
 * @param details the entry's full details (explanation, fired rules, guards, timings) as the advisor wrote them
 */
public record AdvisorDecision(
        Instant at,
        Optional<String> cluster,
        String jobId,
        String jobName,
        String kind,
        Optional<String> direction,
        OptionalInt currentParallelism,
        OptionalInt targetParallelism,
        String mode,
        String summary,
        JsonNode details) {

    public AdvisorDecision {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(currentParallelism, "currentParallelism");
        Objects.requireNonNull(targetParallelism, "targetParallelism");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(details, "details");
    }

    /** Parses one element of the API's {@code decisions} array; fails naming the field that is missing. */
    static AdvisorDecision fromJson(JsonNode node) {
        return new AdvisorDecision(
                Instant.parse(required(node, "at").asText()),
                optionalText(node, "cluster"),
                required(node, "jobId").asText(),
                required(node, "jobName").asText(),
                required(node, "kind").asText(),
                optionalText(node, "direction"),
                optionalInt(node, "currentParallelism"),
                optionalInt(node, "targetParallelism"),
                required(node, "mode").asText(),
                required(node, "summary").asText(),
                node.path("details").isMissingNode() ? NullNode.getInstance() : node.get("details"));
    }

    /** A rescale finished with the job running at the new parallelism. */
    public boolean isRescaleSucceeded() {
        return kind.equals("rescale-succeeded");
    }

    /** {@code 1 → 2}, or empty when the entry names no parallelism change. */
    public Optional<String> parallelismChange() {
        if (currentParallelism.isEmpty() || targetParallelism.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(currentParallelism.getAsInt() + " → " + targetParallelism.getAsInt());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("decision history entry without \"" + field + "\": " + node);
        }
        return value;
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static OptionalInt optionalInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? OptionalInt.empty() : OptionalInt.of(value.asInt());
    }
}

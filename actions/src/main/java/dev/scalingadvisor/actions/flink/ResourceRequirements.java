package dev.scalingadvisor.actions.flink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The adaptive scheduler's per-vertex parallelism bounds ({@code GET/PUT /jobs/:id/resource-requirements}).
 * The scheduler runs each vertex at the highest parallelism up to its upper bound that the free slots allow.
 */
public record ResourceRequirements(Map<VertexId, Bounds> vertices) {

    public ResourceRequirements {
        vertices = Map.copyOf(vertices);
    }

    /** These requirements with {@code vertex}'s upper bound set to {@code parallelism} (and its lower bound lowered to fit). */
    public ResourceRequirements withUpperBound(VertexId vertex, int parallelism) {
        Bounds current = vertices.get(vertex);
        if (current == null) {
            throw new IllegalArgumentException("the job has no vertex " + vertex + " in its resource requirements");
        }
        Map<VertexId, Bounds> changed = new LinkedHashMap<>(vertices);
        changed.put(vertex, new Bounds(Math.min(current.lowerBound(), parallelism), parallelism));
        return new ResourceRequirements(changed);
    }

    public RestCall updateCall(JobId job) {
        return RestCall.withJson("PUT", "/v1/jobs/" + job + "/resource-requirements", toJson());
    }

    /** The body of {@code PUT resource-requirements}: {@code {"<vertex>": {"parallelism": {"lowerBound": 1, "upperBound": 2}}, …}}. */
    public String toJson() {
        ObjectNode body = FlinkJson.object();
        vertices.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(VertexId::value)))
                .forEach(e -> {
                    ObjectNode parallelism = body.putObject(e.getKey().value()).putObject("parallelism");
                    parallelism.put("lowerBound", e.getValue().lowerBound());
                    parallelism.put("upperBound", e.getValue().upperBound());
                });
        return FlinkJson.write(body);
    }

    /** Reads what {@link #toJson()} wrote (and what {@code GET resource-requirements} answers). */
    public static ResourceRequirements fromJson(String json) {
        try {
            return FlinkAnswerReader.resourceRequirements(
                    FlinkAnswer.of("resource requirements", FlinkJson.MAPPER.readTree(json)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not resource requirements: " + e.getOriginalMessage(), e);
        }
    }

    /** A vertex's parallelism bounds. */
    public record Bounds(int lowerBound, int upperBound) {
        public Bounds {
            if (lowerBound < 1 || upperBound < lowerBound) {
                throw new IllegalArgumentException(
                        "parallelism bounds need 1 <= lower <= upper, not " + lowerBound + ".." + upperBound);
            }
        }
    }
}

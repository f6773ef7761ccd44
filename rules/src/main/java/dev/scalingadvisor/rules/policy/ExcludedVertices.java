package dev.scalingadvisor.rules.policy;

import java.util.List;

/**
 * Vertices no decision may change ({@code scaling.excludedVertices}), each given by its id (the REST vertex id, which
 * is Prometheus' {@code task_id}) or its name as Flink shows it: an excluded vertex keeps its parallelism while the
 * others are sized, as the Flink operator's {@code job.autoscaler.vertex.exclude.ids}, which takes ids only.
 */
public record ExcludedVertices(List<String> idsOrNames) {

    public static final ExcludedVertices NONE = new ExcludedVertices(List.of());

    public ExcludedVertices {
        idsOrNames = List.copyOf(idsOrNames);
        for (String entry : idsOrNames) {
            if (entry.isBlank()) {
                throw new IllegalArgumentException("an excluded vertex needs an id or a name, got a blank entry");
            }
        }
    }

    public boolean contains(Vertex vertex) {
        return idsOrNames.contains(vertex.id().value()) || idsOrNames.contains(vertex.name());
    }
}

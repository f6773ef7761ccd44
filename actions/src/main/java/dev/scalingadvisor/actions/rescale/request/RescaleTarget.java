package dev.scalingadvisor.actions.rescale.request;

import dev.scalingadvisor.core.job.VertexId;
import java.util.Map;
import java.util.Objects;

/** Which parallelism a rescale should reach: per vertex (the bottleneck only) or job-wide. */
public sealed interface RescaleTarget {

    /**
     * Change these vertices; every other vertex keeps its parallelism. {@code from} must match what the job
     * runs now, or the request is stale and refused.
     */
    record PerVertex(Map<VertexId, ParallelismChange> changes) implements RescaleTarget {
        public PerVertex {
            changes = Map.copyOf(changes);
            if (changes.isEmpty() || changes.values().stream().noneMatch(ParallelismChange::isChange)) {
                throw new IllegalArgumentException("a per-vertex rescale must change at least one vertex");
            }
        }
    }

    /**
     * The job's parallelism: every vertex now running at {@code change.from()} moves to {@code change.to()};
     * vertices at another parallelism (a source pinned to 1, say) keep theirs.
     */
    record JobWide(ParallelismChange change) implements RescaleTarget {
        public JobWide {
            Objects.requireNonNull(change, "change");
            if (!change.isChange()) {
                throw new IllegalArgumentException("a job-wide rescale must change the parallelism");
            }
        }
    }
}

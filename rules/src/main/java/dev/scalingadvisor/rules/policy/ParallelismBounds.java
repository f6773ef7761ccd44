package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.workload.SourcePartitions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Brings a raw target within {@code [minParallelism, maxParallelism]}, a Kafka source's partition count and the
 * vertex's key groups, then
 * aligns it to the key groups; every step that changes the number is reported. The result goes the same
 * way as the raw target or not at all.
 */
public final class ParallelismBounds {

    private final int minParallelism;
    private final OptionalInt maxParallelism;

    public ParallelismBounds(int minParallelism, OptionalInt maxParallelism) {
        this.minParallelism = minParallelism;
        this.maxParallelism = maxParallelism;
    }

    /**
     * @return the final target; equal to the current parallelism when bounds leave nothing to do in the
     *     requested direction
     */
    public Bounded apply(Vertex vertex, boolean up, int rawTarget) {
        List<Reason> reasons = new ArrayList<>();
        int current = vertex.parallelism();
        int target = rawTarget;
        if (target < minParallelism) {
            reasons.add(new Reason.Clamped(vertex.label(), target, minParallelism, "minParallelism " + minParallelism));
            target = minParallelism;
        }
        if (maxParallelism.isPresent() && target > maxParallelism.getAsInt()) {
            reasons.add(new Reason.Clamped(
                    vertex.label(), target, maxParallelism.getAsInt(), "maxParallelism " + maxParallelism.getAsInt()));
            target = maxParallelism.getAsInt();
        }
        if (up
                && vertex.partitions().isPresent()
                && target > vertex.partitions().get().count()) {
            SourcePartitions partitions = vertex.partitions().get();
            reasons.add(new Reason.Clamped(
                    vertex.label(),
                    target,
                    partitions.count(),
                    "capped at " + partitions.count() + " partitions of " + partitions.topicList()
                            + ": more source subtasks would read nothing"));
            target = partitions.count();
        }
        if (vertex.keyGroups().isPresent() && target > vertex.keyGroups().getAsInt()) {
            int keyGroups = vertex.keyGroups().getAsInt();
            reasons.add(new Reason.Clamped(
                    vertex.label(), target, keyGroups, "the vertex's max parallelism (key groups) " + keyGroups));
            target = keyGroups;
        }
        if (up ? target <= current : target >= current) {
            return new Bounded(current, reasons);
        }
        if (vertex.partitions().isPresent()) {
            // A Kafka source keeps its partitions as state, not key groups: aligning to key groups would only move
            // it away from its partition count (6 partitions would become 4 or 8 subtasks).
            return new Bounded(target, reasons);
        }
        if (vertex.keyGroups().isPresent()) {
            int upper = Math.min(vertex.keyGroups().getAsInt(), maxParallelism.orElse(Integer.MAX_VALUE));
            KeyGroupAlignment.Aligned aligned = KeyGroupAlignment.align(
                    vertex.label(),
                    up,
                    current,
                    target,
                    vertex.keyGroups().getAsInt(),
                    Math.max(1, minParallelism),
                    upper);
            aligned.reason().ifPresent(reasons::add);
            target = aligned.target();
        } else {
            reasons.add(new Reason.NotAligned(vertex.label(), target, "its key groups are unknown without Flink REST"));
        }
        return new Bounded(target, reasons);
    }

    /** A bounded, aligned target and the steps that changed it. */
    public record Bounded(int target, List<Reason> reasons) {
        public Bounded {
            reasons = List.copyOf(reasons);
        }
    }
}

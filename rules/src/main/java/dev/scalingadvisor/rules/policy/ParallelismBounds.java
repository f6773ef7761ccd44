package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.core.text.ValueText;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.workload.SourcePartitions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Brings a raw target within the step one decision may take ({@code scaleDownMaxFactor}, {@code maxScaleUpFactor}),
 * {@code [minParallelism, maxParallelism]}, Flink's own limit (32768), a Kafka source's partition count and the
 * vertex's key groups, then
 * aligns it to the key groups; every step that changes the number is reported. The result goes the same
 * way as the raw target or not at all.
 */
public final class ParallelismBounds {

    /** Flink's largest parallelism and max parallelism ({@code KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM}). */
    public static final int FLINK_MAX_PARALLELISM = 32_768;

    private final int minParallelism;
    private final OptionalInt maxParallelism;
    private final double scaleDownMaxFactor;
    private final double maxScaleUpFactor;

    /**
     * The bounds without a cap on scale-ups (Flink's 32768 still applies).
     */
    public ParallelismBounds(int minParallelism, OptionalInt maxParallelism, double scaleDownMaxFactor) {
        this(minParallelism, maxParallelism, scaleDownMaxFactor, Double.POSITIVE_INFINITY);
    }

    /**
     * @param scaleDownMaxFactor the largest share of a vertex's parallelism one scale-down may remove, in (0, 1]
     * @param maxScaleUpFactor   one scale-up grows a vertex to at most this many times its parallelism (but always by
     *                           one subtask at least), more than 1
     */
    public ParallelismBounds(
            int minParallelism, OptionalInt maxParallelism, double scaleDownMaxFactor, double maxScaleUpFactor) {
        if (!(scaleDownMaxFactor > 0 && scaleDownMaxFactor <= 1)) {
            throw new IllegalArgumentException("scaleDownMaxFactor must be in (0, 1], got " + scaleDownMaxFactor);
        }
        if (!(maxScaleUpFactor > 1)) {
            throw new IllegalArgumentException("maxScaleUpFactor must be more than 1, got " + maxScaleUpFactor);
        }
        this.minParallelism = minParallelism;
        this.maxParallelism = maxParallelism;
        this.scaleDownMaxFactor = scaleDownMaxFactor;
        this.maxScaleUpFactor = maxScaleUpFactor;
    }

    /**
     * The lowest parallelism one scale-down may reach from {@code current}: {@code ceil(current × (1 −
     * scaleDownMaxFactor))}, as the Flink operator caps its scale factor at {@code 1 − max-factor}; but always at
     * least one subtask less, so that a small cap slows a scale-down and never forbids it (with 0.4, 2 → 1 would
     * otherwise never be allowed).
     */
    public int lowestStepDown(int current) {
        int floor = SizingPolicy.ceil(current * (1.0 - scaleDownMaxFactor));
        return Math.max(1, Math.min(current - 1, floor));
    }

    /**
     * @return the final target; equal to the current parallelism when bounds leave nothing to do in the
     *     requested direction
     */
    public Bounded apply(Vertex vertex, boolean up, int rawTarget) {
        List<Reason> reasons = new ArrayList<>();
        int current = vertex.parallelism();
        int target = rawTarget;
        int stepFloor = up ? 1 : lowestStepDown(current);
        if (target < stepFloor) {
            reasons.add(new Reason.Clamped(
                    vertex.label(),
                    target,
                    stepFloor,
                    "scaleDownMaxFactor " + ValueText.of(scaleDownMaxFactor) + ": one decision removes at most "
                            + ValueText.of(scaleDownMaxFactor * 100) + "% of " + current + " subtasks"));
            target = stepFloor;
        }
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
        if (up && target > current * maxScaleUpFactor) {
            // At least one more subtask, whatever the factor: a cap must not turn a scale-up into nothing.
            int capped = (int)
                    Math.max(current + 1, Math.min(FLINK_MAX_PARALLELISM, Math.floor(current * maxScaleUpFactor)));
            reasons.add(new Reason.Clamped(
                    vertex.label(), target, capped, "maxScaleUpFactor " + ValueText.of(maxScaleUpFactor)));
            target = capped;
        }
        if (target > FLINK_MAX_PARALLELISM) {
            reasons.add(new Reason.Clamped(
                    vertex.label(),
                    target,
                    FLINK_MAX_PARALLELISM,
                    "Flink's maximum parallelism " + FLINK_MAX_PARALLELISM));
            target = FLINK_MAX_PARALLELISM;
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
                    Math.max(stepFloor, Math.max(1, minParallelism)),
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

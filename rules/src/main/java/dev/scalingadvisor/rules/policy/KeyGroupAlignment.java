package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.rules.explain.Reason;
import java.util.Optional;

/**
 * Moves a target parallelism to one that divides the vertex's key groups, so every subtask holds the same
 * number of them (with 128 key groups, 6 subtasks hold 21 or 22 each and the fullest one limits the
 * vertex; 8 hold 16 each). It searches upward for a scale-up and downward for a scale-down, and never
 * crosses the current parallelism: alignment can change how far a decision goes, never its direction.
 */
public final class KeyGroupAlignment {

    private KeyGroupAlignment() {}

    /**
     * @param lower the smallest allowed parallelism (minParallelism)
     * @param upper the largest allowed parallelism (maxParallelism and the key groups)
     * @return the aligned target and the reason when it differs or could not be aligned
     */
    public static Aligned align(
            String vertex, boolean up, int current, int target, int keyGroups, int lower, int upper) {
        if (keyGroups % target == 0) {
            return new Aligned(target, Optional.empty());
        }
        if (up) {
            for (int p = target + 1; p <= upper; p++) {
                if (keyGroups % p == 0) {
                    return new Aligned(p, Optional.of(new Reason.Aligned(vertex, target, p, keyGroups)));
                }
            }
            for (int p = target - 1; p > current; p--) {
                if (keyGroups % p == 0) {
                    return new Aligned(p, Optional.of(new Reason.Aligned(vertex, target, p, keyGroups)));
                }
            }
            return new Aligned(
                    target,
                    Optional.of(new Reason.NotAligned(
                            vertex,
                            target,
                            "no parallelism from " + (current + 1) + " to " + upper + " divides " + keyGroups
                                    + " key groups")));
        }
        for (int p = target - 1; p >= lower; p--) {
            if (keyGroups % p == 0) {
                return new Aligned(p, Optional.of(new Reason.Aligned(vertex, target, p, keyGroups)));
            }
        }
        for (int p = target + 1; p < current; p++) {
            if (keyGroups % p == 0) {
                return new Aligned(p, Optional.of(new Reason.Aligned(vertex, target, p, keyGroups)));
            }
        }
        return new Aligned(
                target,
                Optional.of(new Reason.NotAligned(
                        vertex,
                        target,
                        "no parallelism from " + lower + " to " + (current - 1) + " divides " + keyGroups
                                + " key groups")));
    }

    /** An aligned target, with the reason to show when alignment changed it or could not apply. */
    public record Aligned(int target, Optional<Reason> reason) {}
}

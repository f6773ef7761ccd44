package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.rules.explain.Reason;
import java.util.Optional;
import java.util.stream.IntStream;

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
        // Further first (the direction the decision goes), then back towards the current parallelism.
        IntStream further = up ? IntStream.rangeClosed(target + 1, upper) : descending(target - 1, lower);
        IntStream back = up ? descending(target - 1, current + 1) : IntStream.range(target + 1, current);
        String searched = up ? (current + 1) + " to " + upper : lower + " to " + (current - 1);
        return IntStream.concat(further, back)
                .filter(p -> keyGroups % p == 0)
                .mapToObj(p -> new Aligned(p, Optional.of(new Reason.Aligned(vertex, target, p, keyGroups))))
                .findFirst()
                .orElseGet(() -> new Aligned(
                        target,
                        Optional.of(new Reason.NotAligned(
                                vertex,
                                target,
                                "no parallelism from " + searched + " divides " + keyGroups + " key groups"))));
    }

    /** {@code from}, {@code from - 1}, … down to {@code to}, inclusive; empty when {@code to > from}. */
    private static IntStream descending(int from, int to) {
        return IntStream.rangeClosed(to, from).map(p -> from + to - p);
    }

    /** An aligned target, with the reason to show when alignment changed it or could not apply. */
    public record Aligned(int target, Optional<Reason> reason) {}
}

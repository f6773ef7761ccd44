package dev.scalingadvisor.rules.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * When a scale-up counts as ineffective and what follows: if a vertex's throughput gained less than
 * {@code minGainRatio} of what the added parallelism promised, further scale-ups of it are blocked for
 * {@code blockFor}. A scale-up is not even tried (a finding is reported instead) while every host running
 * the job is saturated: raised when the least loaded host reads at or above {@code saturatedCpuLoad}, it holds
 * until that host has read below {@code saturatedCpuClear} for {@code saturatedClearFor} (a {@link GuardHold}):
 * more subtasks on the same TaskManagers cannot help, and one lucky reading of a noisy saturated host must not
 * let the useless scale-up through.
 *
 * @param saturatedCpuLoad  CPU load (0 to 1, the TaskManagers of a host summed) at which a host counts as saturated
 * @param saturatedCpuClear the CPU load below which a saturated host starts to count as free again, at most
 *                          {@code saturatedCpuLoad}
 * @param saturatedClearFor how long the host must stay below {@code saturatedCpuClear} before the guard clears
 */
public record IneffectiveScaleUpSettings(
        double minGainRatio,
        Duration blockFor,
        double saturatedCpuLoad,
        double saturatedCpuClear,
        Duration saturatedClearFor) {

    public static final IneffectiveScaleUpSettings DEFAULTS =
            new IneffectiveScaleUpSettings(0.2, Duration.ofHours(6), 0.9, 0.8, Duration.ofMinutes(5));

    public IneffectiveScaleUpSettings {
        Objects.requireNonNull(blockFor, "blockFor");
        Objects.requireNonNull(saturatedClearFor, "saturatedClearFor");
        if (!(minGainRatio > 0.0 && minGainRatio < 1.0)) {
            throw new IllegalArgumentException(
                    "ineffectiveScaleUp.minGainRatio must be in (0, 1), got " + minGainRatio);
        }
        if (blockFor.isNegative() || saturatedClearFor.isNegative()) {
            throw new IllegalArgumentException(
                    "ineffectiveScaleUp.blockFor and ineffectiveScaleUp.saturatedClearFor must not be negative");
        }
        if (!(saturatedCpuLoad > 0.0 && saturatedCpuLoad <= 1.0)) {
            throw new IllegalArgumentException(
                    "ineffectiveScaleUp.saturatedCpuLoad must be in (0, 1], got " + saturatedCpuLoad);
        }
        if (!(saturatedCpuClear > 0.0 && saturatedCpuClear <= saturatedCpuLoad)) {
            throw new IllegalArgumentException("ineffectiveScaleUp.saturatedCpuClear must be in (0, saturatedCpuLoad "
                    + saturatedCpuLoad + "], got " + saturatedCpuClear);
        }
    }
}

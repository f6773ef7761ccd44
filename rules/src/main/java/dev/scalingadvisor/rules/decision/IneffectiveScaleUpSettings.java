package dev.scalingadvisor.rules.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * When a scale-up counts as ineffective and what follows: if a vertex's throughput gained less than
 * {@code minGainRatio} of what the added parallelism promised, further scale-ups of it are blocked for
 * {@code blockFor}. A scale-up is not even tried (a finding is reported instead) when every host running
 * the job is at or above {@code saturatedCpuLoad}: more subtasks on the same TaskManagers cannot help.
 *
 * @param saturatedCpuLoad CPU load (0 to 1, the TaskManagers of a host summed) at which a host counts as saturated
 */
public record IneffectiveScaleUpSettings(double minGainRatio, Duration blockFor, double saturatedCpuLoad) {

    public static final IneffectiveScaleUpSettings DEFAULTS =
            new IneffectiveScaleUpSettings(0.2, Duration.ofHours(6), 0.9);

    public IneffectiveScaleUpSettings {
        Objects.requireNonNull(blockFor, "blockFor");
        if (!(minGainRatio > 0.0 && minGainRatio < 1.0)) {
            throw new IllegalArgumentException(
                    "ineffectiveScaleUp.minGainRatio must be in (0, 1), got " + minGainRatio);
        }
        if (blockFor.isNegative()) {
            throw new IllegalArgumentException("ineffectiveScaleUp.blockFor must not be negative");
        }
        if (!(saturatedCpuLoad > 0.0 && saturatedCpuLoad <= 1.0)) {
            throw new IllegalArgumentException(
                    "ineffectiveScaleUp.saturatedCpuLoad must be in (0, 1], got " + saturatedCpuLoad);
        }
    }
}

package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
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

    public static final Option<IneffectiveScaleUpSettings, Double> MIN_GAIN_RATIO = Option.decimal(
                    "minGainRatio", IneffectiveScaleUpSettings::minGainRatio, 0.01, 0.99, 0.2)
            .means("a scale-up whose throughput gain is below this share of what the added parallelism promised is"
                    + " ineffective");
    public static final Option<IneffectiveScaleUpSettings, Duration> BLOCK_FOR = Option.duration(
                    "blockFor", IneffectiveScaleUpSettings::blockFor, "0s", "7d", "6h")
            .means("after an ineffective scale-up, further scale-ups of that vertex are blocked this long");
    public static final Option<IneffectiveScaleUpSettings, Double> SATURATED_CPU_LOAD = Option.decimal(
                    "saturatedCpuLoad", IneffectiveScaleUpSettings::saturatedCpuLoad, 0.05, 1.0, 0.9)
            .means("every host of the job at this CPU load (its TaskManagers summed): a finding, no scale-up");
    public static final Option<IneffectiveScaleUpSettings, Double> SATURATED_CPU_CLEAR = Option.decimal(
                    "saturatedCpuClear", IneffectiveScaleUpSettings::saturatedCpuClear, 0.01, 1.0, 0.8)
            .means("a saturated host counts as free again once it reads below this for `saturatedClearFor`; at most"
                    + " `saturatedCpuLoad` (left out, it is lowered to it)");
    public static final Option<IneffectiveScaleUpSettings, Duration> SATURATED_CLEAR_FOR = Option.of(
                    "saturatedClearFor",
                    IneffectiveScaleUpSettings::saturatedClearFor,
                    ScalingSettings.GRACE,
                    Duration.ofMinutes(5))
            .means("how long the least loaded host must stay below `saturatedCpuClear` before the guard clears");

    public static final Section<IneffectiveScaleUpSettings> SECTION = Section.of(
                    "A scale-up that bought (almost) nothing blocks further ones; one on saturated hosts is not tried.",
                    // a clear threshold left out follows a lowered saturatedCpuLoad; one written above it is an error
                    v -> new IneffectiveScaleUpSettings(
                            v.get(MIN_GAIN_RATIO),
                            v.get(BLOCK_FOR),
                            v.get(SATURATED_CPU_LOAD),
                            Math.min(v.get(SATURATED_CPU_CLEAR), v.get(SATURATED_CPU_LOAD)),
                            v.get(SATURATED_CLEAR_FOR)),
                    MIN_GAIN_RATIO,
                    BLOCK_FOR,
                    SATURATED_CPU_LOAD,
                    SATURATED_CPU_CLEAR,
                    SATURATED_CLEAR_FOR)
            .checkedBy((v, mapping) -> Section.atMost(v, mapping, SATURATED_CPU_CLEAR, SATURATED_CPU_LOAD));

    public static final IneffectiveScaleUpSettings DEFAULTS = SECTION.defaults();

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

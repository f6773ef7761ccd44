package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.ValueParser;
import dev.scalingadvisor.core.yaml.ValueParsers;
import dev.scalingadvisor.rules.policy.ExcludedVertices;
import dev.scalingadvisor.rules.policy.PolicySettings;
import dev.scalingadvisor.rules.rule.PolicyKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads scaling settings from a mapping where every key is optional and falls back to given defaults:
 * the {@code scaling:} section falls back to {@link ScalingSettings#DEFAULTS}, a {@code jobs[]} entry to
 * the {@code scaling:} section. The caller owns the mapping and calls {@code finish()} on it.
 */
public final class ScalingSettingsYaml {

    /** Keys this reader consumes, for callers that read other keys from the same mapping. */
    public static final List<String> KEYS = List.of(
            "minParallelism",
            "maxParallelism",
            "policy",
            "stabilization",
            "scaleUpCooldown",
            "scaleDownCooldown",
            "scaleDownDelay",
            "scaleDownMaxFactor",
            "excludedVertices",
            "skewGuard",
            "ineffectiveScaleUp",
            "maxScaleUpFactor");

    private static final int PARALLELISM_LIMIT = 32_768; // Flink's upper bound for max parallelism
    private static final ValueParser<String> VERTEX_ID_OR_NAME = text -> {
        if (text.isBlank()) {
            throw new IllegalArgumentException("expected a vertex id or name, got an empty string");
        }
        return text;
    };
    private static final ValueParser<Duration> GRACE = ValueParsers.duration(Duration.ZERO, Duration.ofDays(7));

    private ScalingSettingsYaml() {}

    public static Optional<ScalingSettings> read(MappingReader section, ScalingSettings defaults) {
        int min = section.optional(
                "minParallelism", ValueParsers.integer(1, PARALLELISM_LIMIT), defaults.minParallelism());
        OptionalInt max = section.optional("maxParallelism", ValueParsers.integer(1, PARALLELISM_LIMIT))
                .map(OptionalInt::of)
                .orElse(defaults.maxParallelism());
        if (max.isPresent() && max.getAsInt() < min) {
            section.problem(
                    section.has("maxParallelism") ? "maxParallelism" : "minParallelism",
                    "maxParallelism (" + max.getAsInt() + ") is less than minParallelism (" + min + ")");
            return Optional.empty();
        }
        double maxScaleUpFactor =
                section.optional("maxScaleUpFactor", ValueParsers.decimal(1.01, 1000), defaults.maxScaleUpFactor());
        PolicySettings policy = readPolicy(section, defaults.policy());
        Duration stabilization = section.optional("stabilization", GRACE, defaults.stabilization());
        Duration upCooldown = section.optional("scaleUpCooldown", GRACE, defaults.scaleUpCooldown());
        Duration downCooldown = section.optional("scaleDownCooldown", GRACE, defaults.scaleDownCooldown());
        Duration downDelay = section.optional("scaleDownDelay", GRACE, defaults.scaleDownDelay());
        double downMaxFactor =
                section.optional("scaleDownMaxFactor", ValueParsers.decimal(0.01, 1.0), defaults.scaleDownMaxFactor());
        ExcludedVertices excludedVertices = section.has("excludedVertices")
                ? new ExcludedVertices(section.valueList("excludedVertices", VERTEX_ID_OR_NAME))
                : defaults.excludedVertices();
        SkewGuardSettings skew = section.mapping("skewGuard")
                .flatMap(m -> {
                    double maxToAverage = m.optional(
                            "maxToAverage",
                            ValueParsers.decimal(1.0001, 1000),
                            defaults.skewGuard().maxToAverage());
                    double hot = m.optional(
                            "hotSubtaskBusy",
                            ValueParsers.decimal(0.01, 1.0),
                            defaults.skewGuard().hotSubtaskBusy());
                    double clearToAverage = m.optional(
                            "clearToAverage",
                            ValueParsers.decimal(1.0, 1000),
                            Math.min(defaults.skewGuard().clearToAverage(), maxToAverage));
                    Duration clearFor =
                            m.optional("clearFor", GRACE, defaults.skewGuard().clearFor());
                    if (clearToAverage > maxToAverage) {
                        m.problem(
                                "clearToAverage",
                                "clearToAverage (" + clearToAverage + ") is more than maxToAverage (" + maxToAverage
                                        + ")");
                    }
                    m.finish();
                    return m.build(() -> new SkewGuardSettings(maxToAverage, hot, clearToAverage, clearFor));
                })
                .orElse(defaults.skewGuard());
        IneffectiveScaleUpSettings ineffective = section.mapping("ineffectiveScaleUp")
                .flatMap(m -> {
                    double gain = m.optional(
                            "minGainRatio",
                            ValueParsers.decimal(0.01, 0.99),
                            defaults.ineffectiveScaleUp().minGainRatio());
                    Duration blockFor = m.optional(
                            "blockFor", GRACE, defaults.ineffectiveScaleUp().blockFor());
                    double saturated = m.optional(
                            "saturatedCpuLoad",
                            ValueParsers.decimal(0.05, 1.0),
                            defaults.ineffectiveScaleUp().saturatedCpuLoad());
                    double clear = m.optional(
                            "saturatedCpuClear",
                            ValueParsers.decimal(0.01, 1.0),
                            Math.min(defaults.ineffectiveScaleUp().saturatedCpuClear(), saturated));
                    Duration clearFor = m.optional(
                            "saturatedClearFor",
                            GRACE,
                            defaults.ineffectiveScaleUp().saturatedClearFor());
                    if (clear > saturated) {
                        m.problem(
                                "saturatedCpuClear",
                                "saturatedCpuClear (" + clear + ") is more than saturatedCpuLoad (" + saturated + ")");
                    }
                    m.finish();
                    return m.build(() -> new IneffectiveScaleUpSettings(gain, blockFor, saturated, clear, clearFor));
                })
                .orElse(defaults.ineffectiveScaleUp());
        return section.build(() -> new ScalingSettings(
                min,
                max,
                policy,
                stabilization,
                upCooldown,
                downCooldown,
                downDelay,
                downMaxFactor,
                excludedVertices,
                skew,
                ineffective,
                maxScaleUpFactor));
    }

    /** {@code policy: rate} is short for {@code policy: {type: rate}}; other fields fall back to the defaults. */
    private static PolicySettings readPolicy(MappingReader section, PolicySettings defaults) {
        if (!section.has("policy")) {
            return defaults;
        }
        if (section.isScalar("policy")) {
            return section.optional("policy", ValueParsers.oneOf(PolicyKind.class))
                    .map(kind -> new PolicySettings(
                            kind, defaults.stepFactor(), defaults.targetUtilization(), defaults.catchUpDuration()))
                    .orElse(defaults);
        }
        return section.mapping("policy")
                .flatMap(p -> {
                    PolicyKind kind = p.optional("type", ValueParsers.oneOf(PolicyKind.class), defaults.kind());
                    double factor = p.optional("factor", ValueParsers.decimal(1.01, 10), defaults.stepFactor());
                    double utilization = p.optional(
                            "targetUtilization", ValueParsers.decimal(0.05, 1.0), defaults.targetUtilization());
                    Duration catchUp = p.optional(
                            "catchUpDuration",
                            ValueParsers.duration(Duration.ofSeconds(10), Duration.ofDays(1)),
                            defaults.catchUpDuration());
                    p.finish();
                    return p.build(() -> new PolicySettings(kind, factor, utilization, catchUp));
                })
                .orElse(defaults);
    }
}

package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.rules.decision.BacklogTrend;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePack;
import java.time.Duration;
import java.time.Instant;

/**
 * How long what the engine remembers about a job ({@code JobMemory}) can still change a decision: how far back
 * a replay of history must begin to reach the decisions of a daemon that ran all along. A replay starts from
 * nothing at {@code start}; the daemon had some unknown state there. The two agree once every piece of memory
 * has either been rebuilt from history seen by both or stopped mattering:
 *
 * <ul>
 *   <li>rule timers: once each rule has had a step where its state does not depend on the past (no data;
 *       quiet for {@code keepFiringFor}; firing for {@code for}), found by {@link ReplayCoverage}, and only
 *       after {@code stabilization}, which may hide readings differently in the two until then;
 *   <li>cooldowns: a parallelism remembered from before the start counts for a rescale only within the longer
 *       cooldown, and that rescale's cooldown ends another cooldown later;
 *   <li>the scale-down window: {@code scaleDownDelay} after the above;
 *   <li>scale-up records: judged within {@code blockFor} of the scale-up, blocking {@code blockFor} after;
 *   <li>the backlog's trend: its marks fall on a fixed grid, so they agree {@code BacklogTrend.SETTLES} after
 *       {@code stabilization}.
 * </ul>
 *
 * A new piece of job memory adds its term here; the property test ({@code ReplayEqualsLiveTest}) fails if a
 * term is missing.
 */
public final class MemoryHorizon {

    private MemoryHorizon() {}

    /** A replay window that suffices when every rule finds its footing within its {@code for} or {@code keepFiringFor}. */
    public static Duration of(RulePack pack, ScalingSettings settings, Duration interval) {
        Duration rules = Duration.ZERO;
        for (Rule rule : pack.rules()) {
            rules = max(rules, max(rule.forDuration(), rule.keepFiringFor()));
        }
        return settings.stabilization()
                .plus(max(cooldown(settings).multipliedBy(2), BacklogTrend.SETTLES))
                .plus(rules)
                .plus(afterRules(settings))
                .plus(interval);
    }

    /**
     * The first instant at which a replay begun at {@code start} agrees with the daemon about a job whose
     * every rule's state stopped depending on the past at {@code rulesAgree} at the latest.
     */
    static Instant exactFrom(Instant start, Instant rulesAgree, ScalingSettings settings) {
        Instant agree = latest(
                rulesAgree,
                latest(
                        start.plus(settings.stabilization()).plus(BacklogTrend.SETTLES),
                        start.plus(cooldown(settings).multipliedBy(2))));
        return agree.plus(afterRules(settings));
    }

    /** What must pass once the rules agree: the scale-down window, and the life of a scale-up record. */
    private static Duration afterRules(ScalingSettings settings) {
        return max(
                settings.scaleDownDelay(),
                settings.ineffectiveScaleUp().blockFor().multipliedBy(2));
    }

    private static Duration cooldown(ScalingSettings settings) {
        return max(settings.scaleUpCooldown(), settings.scaleDownCooldown());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

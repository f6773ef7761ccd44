package dev.scalingadvisor.rules.decision;

import java.util.Locale;

/**
 * Where a job stands: {@code steady → up-candidate | down-candidate → decided → cooldown}, plus
 * {@code stabilizing} after a (re)start. A candidate is a direction some rules ask for that a guard still
 * holds back (a cooldown, the scale-down delay, skew, …); {@code decided} is a decision the daemon should
 * act on or recommend.
 */
public enum JobPhase {
    STEADY,
    STABILIZING,
    UP_CANDIDATE,
    DOWN_CANDIDATE,
    DECIDED,
    COOLDOWN;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

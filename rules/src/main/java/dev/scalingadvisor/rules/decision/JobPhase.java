package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.text.Spelling;

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
        return Spelling.of(this);
    }
}

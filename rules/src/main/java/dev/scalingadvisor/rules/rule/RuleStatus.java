package dev.scalingadvisor.rules.rule;

import dev.scalingadvisor.core.text.Spelling;

/** Where a rule stands for one job. */
public enum RuleStatus {
    /** The condition does not hold. */
    INACTIVE,
    /** The condition holds, not yet for the rule's {@code for}. */
    PENDING,
    /** The condition held for {@code for}; the rule asks for its direction until the value crosses {@code clear}. */
    FIRING,
    /** The value crossed {@code clear}; the rule keeps firing for {@code keepFiringFor}. */
    CLEARING,
    /** No usable value (absent, stale, NaN, Prometheus failed, job stabilizing): never read as "low". */
    UNKNOWN;

    /** Whether the rule asks for its direction now. */
    public boolean isFiring() {
        return this == FIRING || this == CLEARING;
    }

    /** Known and not asking: the only state in which an up-rule lets a scale-down through. */
    public boolean isQuiet() {
        return this == INACTIVE;
    }

    /** Lower case, as in JSON and messages. */
    public String spelling() {
        return Spelling.of(this);
    }
}

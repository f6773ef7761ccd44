package dev.scalingadvisor.rules.rule;

import dev.scalingadvisor.core.text.Spelling;

/** Which way a firing rule asks the job to go. */
public enum RuleDirection {
    UP,
    DOWN;

    /** {@code up}, {@code down}: as in packs, JSON and messages. */
    public String spelling() {
        return Spelling.of(this);
    }
}

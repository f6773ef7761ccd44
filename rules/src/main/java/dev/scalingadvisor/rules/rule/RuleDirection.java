package dev.scalingadvisor.rules.rule;

/** Which way a firing rule asks the job to go. */
public enum RuleDirection {
    UP,
    DOWN
}

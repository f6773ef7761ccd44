package dev.scalingadvisor.rules.evaluation;

/**
 * What an answer Prometheus warned about may decide: a {@code partial response} from Thanos, Mimir or Cortex with a
 * store down holds some of the series, not all of them.
 */
public enum PartialAnswers {
    /** Nothing: the answer is missing data for every rule and for the workload queries, in both directions. */
    MISSING,
    /**
     * An up-rule's value that fires counts, since a maximum, a sum or a rate over part of the series is a lower bound
     * of the whole (for a rule that fires above its threshold): what is there already asks for more. A value that does
     * not fire, every down-rule and the workload queries stay missing, so a partial answer never leads to a scale-down.
     */
    FIRE_UP_RULES
}

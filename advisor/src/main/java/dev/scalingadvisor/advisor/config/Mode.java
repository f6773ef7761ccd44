package dev.scalingadvisor.advisor.config;

/** What the advisor does with a decision, globally or per job. */
public enum Mode {
    /** Log the decision only. */
    OBSERVE,
    /** Send the decision as a recommendation to the notifiers; people act. */
    RECOMMEND,
    /** Carry out the decision as a guarded rescale through the Flink REST API. */
    ACT
}

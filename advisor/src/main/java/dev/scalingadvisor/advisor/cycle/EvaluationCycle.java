package dev.scalingadvisor.advisor.cycle;

import java.time.Instant;

/** One evaluation cycle: query, decide, deliver. The scheduler runs it; never two at once. */
@FunctionalInterface
public interface EvaluationCycle {

    /**
     * @param scheduledAt the instant the cycle was scheduled for, which evaluations use as "now"
     * @return how the cycle went, for readiness
     */
    CycleHealth run(Instant scheduledAt) throws InterruptedException;
}

package dev.scalingadvisor.rules.evaluation;

/** Told about each step of a replay over history: what was read and what the engine made of it. */
@FunctionalInterface
public interface StepListener {

    StepListener NONE = (readings, cycle) -> {};

    void stepped(CycleReadings readings, CycleEvaluation cycle);
}

package dev.scalingadvisor.rules.policy;

import java.util.OptionalDouble;

/**
 * The job-wide figures the lag policy sizes with, all in source records.
 *
 * @param sourceRate    records per second the sources read now
 * @param backlog       records waiting in the source system
 * @param backlogGrowth records per second the backlog grows (negative while it drains)
 */
public record LagFigures(OptionalDouble sourceRate, OptionalDouble backlog, OptionalDouble backlogGrowth) {

    public static final LagFigures NONE =
            new LagFigures(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
}

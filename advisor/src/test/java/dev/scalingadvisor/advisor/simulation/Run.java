package dev.scalingadvisor.advisor.simulation;

import dev.scalingadvisor.advisor.backtest.JobChart;
import dev.scalingadvisor.core.scaling.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One scenario's closed-loop run: the job every cycle and what the advisor told and did, and its chart (the
 * backtest's: the simulated rates, each rule, the parallelism and what the load needs, decisions and findings).
 */
record Run(Scenario scenario, List<Tick> ticks, List<Event> events, JobChart chart) {

    Run {
        ticks = List.copyOf(ticks);
        events = List.copyOf(events);
        Objects.requireNonNull(chart, "chart");
    }

    /**
     * The job at one evaluation instant.
     *
     * @param offered   records per second arriving
     * @param processed records per second the job processed
     * @param capacity  records per second the job could process at its parallelism
     * @param needed    the least parallelism that keeps up at the target utilisation
     */
    record Tick(
            Instant at,
            double offered,
            double processed,
            double capacity,
            int parallelism,
            int needed,
            double backlog,
            double busy,
            double cpu,
            String phase,
            boolean gap) {}

    /** What the advisor told (a decision, its resolution, a finding) or did (a rescale), and when. */
    record Event(Instant at, Kind kind, Direction direction, String what, boolean inGap) {}

    enum Kind {
        TOLD,
        RESOLVED,
        FINDING,
        FINDING_CLEARED,
        RESCALED
    }

    List<Event> events(Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }

    /** Rescales in act mode, told decisions otherwise: what a person sees change. */
    List<Event> actions() {
        return events(scenario.mode() == dev.scalingadvisor.advisor.config.Mode.ACT ? Kind.RESCALED : Kind.TOLD);
    }

    /** Consecutive actions in opposite directions less than an hour apart: the advisor changing its mind. */
    int flips() {
        List<Event> actions = actions();
        int flips = 0;
        for (int i = 1; i < actions.size(); i++) {
            Event before = actions.get(i - 1);
            Event after = actions.get(i);
            if (before.direction() != after.direction()
                    && Duration.between(before.at(), after.at()).compareTo(Duration.ofHours(1)) < 0) {
                flips++;
            }
        }
        return flips;
    }

    int finalParallelism() {
        return ticks.get(ticks.size() - 1).parallelism();
    }

    /** Minutes in which the job processed less than arrived (it fell behind). */
    double behindMinutes() {
        return ticks.stream().filter(t -> t.processed() < t.offered() * 0.999).count()
                * ClosedLoop.INTERVAL.toSeconds()
                / 60.0;
    }

    /** The longest the newest arriving record waited, in seconds: backlog over the arrival rate. */
    double maxLagSeconds() {
        return ticks.stream()
                .mapToDouble(t -> t.offered() > 0 ? t.backlog() / t.offered() : 0)
                .max()
                .orElse(0);
    }

    /** Subtask-hours run beyond the needed parallelism. */
    double extraSubtaskHours() {
        return ticks.stream()
                        .mapToDouble(t -> Math.max(0, t.parallelism() - t.needed()))
                        .sum()
                * ClosedLoop.INTERVAL.toSeconds()
                / 3600.0;
    }

    /** Share of the time the parallelism was the needed one or one more. */
    double rightSizedShare() {
        return ticks.stream()
                        .filter(t -> t.parallelism() >= t.needed() && t.parallelism() <= t.needed() + 1)
                        .count()
                / (double) ticks.size();
    }

    /** Decisions told or carried out while the job's metrics were missing: must be none. */
    long actedOnMissingData() {
        return events.stream()
                .filter(e -> e.inGap() && (e.kind() == Kind.TOLD || e.kind() == Kind.RESCALED))
                .count();
    }
}

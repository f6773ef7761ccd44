package dev.scalingadvisor.advisor.simulation;

import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One named, seeded situation for the closed loop: the host, the job, the load over time, the metrics gaps and
 * the advisor's mode, with what a person would call the right outcome.
 *
 * @param recordsPerSubtask   what one subtask of the operator processes per second on a free core
 * @param skew                the hottest subtask's busy time over the average (1: even keys)
 * @param gaps                when the job's metrics are missing in Prometheus (the scrape target down)
 * @param wantedParallelism   the operator's parallelism a person would want at the end (the least that keeps up
 *                            at {@link #TARGET_UTILISATION}); ending below it fails, above it is charged as extra
 *                            subtask-hours on the scoreboard
 * @param maxRescales         at most this many rescales (act mode) or told decisions (observe, recommend)
 * @param settings            the engine's scaling settings (the defaults, unless the scenario compares)
 */
record Scenario(
        String name,
        String story,
        long seed,
        Duration length,
        Host host,
        double recordsPerSubtask,
        int initialParallelism,
        Source source,
        LoadProfile load,
        double skew,
        List<Gap> gaps,
        Mode mode,
        int wantedParallelism,
        int maxRescales,
        ScalingSettings settings) {

    /** The utilisation a right-sized job runs at, for "needed parallelism" in the scores. */
    static final double TARGET_UTILISATION = 0.8;

    Scenario {
        Objects.requireNonNull(name, "name");
        gaps = List.copyOf(gaps);
        Objects.requireNonNull(settings, "settings");
    }

    /** The same scenario under another name, with other scaling settings. */
    Scenario with(String otherName, String otherStory, ScalingSettings otherSettings) {
        return new Scenario(
                otherName,
                otherStory,
                seed,
                length,
                host,
                recordsPerSubtask,
                initialParallelism,
                source,
                load,
                skew,
                gaps,
                mode,
                wantedParallelism,
                maxRescales,
                otherSettings);
    }

    Instant start() {
        return Instant.parse("2026-01-05T00:00:00Z");
    }

    boolean inGap(Instant at) {
        Duration since = Duration.between(start(), at);
        return gaps.stream()
                .anyMatch(g -> since.compareTo(g.from()) >= 0
                        && since.compareTo(g.from().plus(g.length())) < 0);
    }

    /** What feeds the job. */
    enum Source {
        /** A Kafka source: what the job cannot take waits in the topic (pendingRecords), and the lag rule sees it. */
        KAFKA,
        /** An unbounded generator reading as fast as the job takes (no backlog metric), as the testbed's probe job. */
        AS_FAST_AS_IT_CAN
    }

    /** Metrics missing from {@code from} (since the start) for {@code length}. */
    record Gap(Duration from, Duration length) {}
}

package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds the engine's state at an instant from Prometheus history, as a daemon that had been running all
 * along would have it: continues from a restored state recent enough to be worth it, or replays from nothing
 * over {@link MemoryHorizon#of the memory horizon} and, while {@link ReplayCoverage} says some job's rules had
 * not found their footing in time (a value sitting between {@code clear} and the threshold since before the
 * window), starts again further back, up to {@link #MAX_LOOKBACK}. Steps are on the grid of {@code at}
 * ({@code at − k × interval}), the instants a daemon evaluating at {@code at} evaluated before.
 */
public final class WarmUp {

    /** How far back a replay looks at most; beyond it, the jobs still unsettled are named in the result. */
    public static final Duration MAX_LOOKBACK = Duration.ofDays(7);

    private final ScalingEvaluator engine;

    WarmUp(ScalingEvaluator engine) {
        this.engine = engine;
    }

    /**
     * @param state     the state after the step one interval before {@code at}
     * @param from      the first step replayed; empty when nothing was (the restored state was current)
     * @param unsettled per job whose state at {@code at} may differ from a daemon's (only past the lookback
     *                  limit), why
     */
    public record Result(EngineState state, Optional<Instant> from, List<String> unsettled) {
        public Result {
            unsettled = List.copyOf(unsettled);
        }
    }

    Result run(Instant at, EngineState restored, ScalingSettingsLookup lookup, Map<JobId, JobFacts> facts) {
        Duration interval = engine.settings().interval();
        Instant last = at.minus(interval);
        // The settings of a job no override names: the first guess; jobs with longer memory extend the window.
        Duration horizon =
                MemoryHorizon.of(engine.pack(), lookup.settingsFor(new JobRef(new JobId("?"), "")), interval);
        if (restored.at().isPresent()
                && restored.at().get().isBefore(at)
                && !restored.at().get().isBefore(at.minus(horizon))) {
            long steps = Duration.between(restored.at().get(), at).toMillis() / interval.toMillis();
            Instant first = at.minus(interval.multipliedBy(steps));
            if (!first.isAfter(restored.at().get())) {
                first = first.plus(interval);
            }
            if (first.isAfter(last)) {
                return new Result(restored, Optional.empty(), List.of());
            }
            return new Result(
                    engine.replay(first, last, restored, lookup, facts, StepListener.NONE),
                    Optional.of(first),
                    List.of());
        }
        Duration window = horizon;
        while (true) {
            long steps = (window.toMillis() + interval.toMillis() - 1) / interval.toMillis();
            Instant first = at.minus(interval.multipliedBy(steps));
            ReplayCoverage coverage = new ReplayCoverage(
                    first, engine.pack(), lookup, engine.settings().forgetAfter());
            EngineState state = engine.replay(first, last, EngineState.EMPTY, lookup, facts, coverage);
            Map<JobRef, Optional<Duration>> shortfall = coverage.shortfall(at);
            if (shortfall.isEmpty()) {
                return new Result(state, Optional.of(first), List.of());
            }
            if (window.compareTo(MAX_LOOKBACK) >= 0) {
                List<String> unsettled = new ArrayList<>();
                shortfall.forEach((job, more) -> unsettled.add("job " + job.name() + " (" + job.id() + "): "
                        + (more.isPresent()
                                ? "its memory reaches "
                                        + PrometheusDurations.format(more.get().withNanos(0))
                                        + " further back than the " + PrometheusDurations.format(MAX_LOOKBACK)
                                        + " replayed"
                                : String.join(", ", coverage.unsettled(job))
                                        + " sat between clear and threshold through all "
                                        + PrometheusDurations.format(MAX_LOOKBACK)
                                        + " replayed: assumed not firing before")));
                return new Result(state, Optional.of(first), unsettled);
            }
            Duration more = shortfall.values().stream()
                    .flatMap(Optional::stream)
                    .max(Duration::compareTo)
                    .orElse(window);
            window = window.plus(more.compareTo(window) > 0 ? more : window);
            if (window.compareTo(MAX_LOOKBACK) > 0) {
                window = MAX_LOOKBACK;
            }
        }
    }
}

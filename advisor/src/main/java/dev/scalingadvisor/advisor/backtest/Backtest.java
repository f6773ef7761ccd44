package dev.scalingadvisor.advisor.backtest;

import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.advisor.cycle.TellOnce;
import dev.scalingadvisor.advisor.cycle.Transition;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.evaluation.CycleEvaluation;
import dev.scalingadvisor.rules.evaluation.CycleReadings;
import dev.scalingadvisor.rules.evaluation.EngineState;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import dev.scalingadvisor.rules.evaluation.StepListener;
import dev.scalingadvisor.rules.evaluation.WarmUp;
import dev.scalingadvisor.rules.policy.RatePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a daemon running over a past range would have decided, open loop: the engine is warmed up at
 * {@code from} as at a daemon's start ({@link ScalingEvaluator#warmUp}), then stepped at every interval over
 * the history ({@link ScalingEvaluator#replay}, the daemon's own step), the job's parallelism at each
 * instant being the one the history shows; {@link TellOnce} turns each step's decisions into what the daemon
 * would have told, as live. Nothing is acted on.
 */
public final class Backtest {

    /** A decision followed this soon by one the other way is a flap. */
    public static final Duration FLAP_WINDOW = Duration.ofHours(1);

    /** More evaluations than this is a step too small for the range (at 15 s: 173 days). */
    public static final long MAX_STEPS = 1_000_000;

    private static final int PROBLEMS_KEPT = 20;

    private final ScalingEvaluator engine;
    private final ScalingSettingsLookup lookup;
    private final Predicate<JobRef> jobs;
    private final boolean charts;

    /**
     * @param jobs   which jobs to report on (every job is still evaluated, as the daemon would)
     * @param charts whether to keep each job's history for drawing ({@link JobChart}, bounded)
     */
    public Backtest(ScalingEvaluator engine, ScalingSettingsLookup lookup, Predicate<JobRef> jobs, boolean charts) {
        this.engine = engine;
        this.lookup = lookup;
        this.jobs = jobs;
        this.charts = charts;
    }

    /** Why {@code from}–{@code to} cannot be backtested at this interval, if it cannot. */
    public Optional<String> rangeProblem(Instant from, Instant to, Instant now) {
        Duration interval = engine.settings().interval();
        if (!from.isBefore(to)) {
            return Optional.of("--from " + from + " is not before --to " + to);
        }
        if (to.isAfter(now)) {
            return Optional.of("--to " + to + " is in the future (now is " + now.truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        long steps = Duration.between(from, to).toMillis() / interval.toMillis() + 1;
        if (steps > MAX_STEPS) {
            return Optional.of("the evaluation interval " + PrometheusDurations.format(interval)
                    + " is too small a step for " + PrometheusDurations.format(Duration.between(from, to)) + ": "
                    + steps + " evaluations, at most " + MAX_STEPS + "; backtest a shorter range");
        }
        return Optional.empty();
    }

    public BacktestReport run(Instant requestedFrom, Instant requestedTo, Progress progress) {
        // The replay's steps are at Prometheus' whole milliseconds; the charts and timelines count from them.
        Instant from = requestedFrom.truncatedTo(ChronoUnit.MILLIS);
        Instant to = requestedTo.truncatedTo(ChronoUnit.MILLIS);
        Duration interval = engine.settings().interval();
        WarmUp.Result warm = engine.warmUp(from, EngineState.EMPTY, lookup, Map.of());
        warm.from().ifPresent(progress::warmingUp);
        Recorder recorder = new Recorder(from, to, progress);
        engine.replay(from, to, warm.state(), lookup, Map.of(), recorder);
        progress.done();
        List<String> problems = new ArrayList<>(warm.unsettled());
        problems.addAll(recorder.problems);
        if (recorder.problemsLeftOut > 0) {
            problems.add("… and " + recorder.problemsLeftOut + " more problems");
        }
        List<JobBacktest> results = new ArrayList<>();
        recorder.timelines.values().forEach(t -> results.add(t.result()));
        long steps = Duration.between(from, to).toMillis() / interval.toMillis() + 1;
        return new BacktestReport(
                from,
                to,
                interval,
                steps,
                results,
                problems,
                List.copyOf(recorder.unmatched),
                recorder.firstData,
                new BacktestReport.Unanswered(
                        recorder.unansweredSteps, recorder.unansweredBeforeData, recorder.firstUnanswered));
    }

    /** Steps {@link TellOnce} over each replayed cycle and hands what it tells to the jobs' timelines. */
    private final class Recorder implements StepListener {
        private final Instant from;
        private final Instant to;
        private final Progress progress;
        private final Map<JobId, JobTimeline> timelines = new LinkedHashMap<>();
        private final Set<String> problems = new LinkedHashSet<>();
        private final Set<String> unmatched = new LinkedHashSet<>();
        private Optional<Instant> firstData = Optional.empty();
        private int problemsLeftOut;
        private long unansweredSteps;
        private long unansweredBeforeData;
        private Optional<String> firstUnanswered = Optional.empty();
        private int decisions;
        private TellOnce.Told told = TellOnce.Told.NOTHING;

        Recorder(Instant from, Instant to, Progress progress) {
            this.from = from;
            this.to = to;
            this.progress = progress;
        }

        @Override
        public void stepped(CycleReadings readings, CycleEvaluation cycle) {
            Instant at = cycle.at();
            if (!readings.problems().isEmpty()) {
                // Counted apart from the kept problems: a step Prometheus did not answer has unknown readings,
                // which the command must not explain as a job that was not running.
                unansweredSteps++;
                if (firstData.isEmpty()) {
                    unansweredBeforeData++;
                }
                if (firstUnanswered.isEmpty()) {
                    firstUnanswered =
                            Optional.of(at + ": " + readings.problems().get(0));
                }
            }
            for (String problem : readings.problems()) {
                if (problems.size() < PROBLEMS_KEPT) {
                    problems.add(at + ": " + problem);
                } else {
                    problemsLeftOut++;
                }
            }
            List<TellOnce.JobSeen> seen = new ArrayList<>();
            for (JobEvaluation evaluation : cycle.jobs()) {
                if (!jobs.test(evaluation.job())) {
                    if (unmatched.size() < PROBLEMS_KEPT) {
                        unmatched.add(evaluation.job().name() + " ("
                                + evaluation.job().id() + ")");
                    }
                    continue;
                }
                if (firstData.isEmpty() && !evaluation.shape().vertices().isEmpty()) {
                    firstData = Optional.of(at);
                }
                seen.add(new TellOnce.JobSeen(evaluation, Optional.empty(), Mode.OBSERVE, false));
                timeline(evaluation.job()).stepped(at, evaluation);
            }
            TellOnce.Step step = TellOnce.step(told, new TellOnce.Seen(at, seen, Map.of(), Set.of()));
            told = step.told();
            for (Transition transition : step.transitions()) {
                if (transition instanceof Transition.Decided decided && decided.fresh()) {
                    timeline(decided.evaluation().job())
                            .decided(at, decided.evaluation().decision());
                    decisions++;
                } else if (transition instanceof Transition.FindingHolds finding && finding.fresh()) {
                    timeline(finding.evaluation().job()).found(at, finding.finding());
                }
            }
            progress.at(at, timelines.size(), decisions);
        }

        private JobTimeline timeline(JobRef job) {
            return timelines.computeIfAbsent(
                    job.id(),
                    id -> new JobTimeline(
                            job,
                            engine.settings().interval(),
                            new RatePolicy(lookup.settingsFor(job).policy().targetUtilization()),
                            charts
                                    ? Optional.of(new JobChartRecorder(
                                            from, to, engine.settings().interval(), engine.pack()))
                                    : Optional.empty()));
        }
    }
}

package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.decision.JobMemory;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.query.RangeSeries;
import dev.scalingadvisor.rules.query.Sample;
import dev.scalingadvisor.rules.query.SeriesLabels;
import dev.scalingadvisor.rules.rule.Reading;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RuleResults;
import dev.scalingadvisor.rules.rule.RuleTimer;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays the rules over Prometheus history to rebuild their timers: the steps a running advisor would have
 * evaluated (every interval, ending one interval before now), each judged as a live cycle would (staleness
 * by sample timestamps, stabilization after a restart seen through the job's uptime).
 */
final class HistoryReplay {

    private final Prometheus prometheus;
    private final RulePack pack;
    private final EvaluatorSettings settings;
    private final WorkloadQueries workload;

    HistoryReplay(Prometheus prometheus, RulePack pack, EvaluatorSettings settings, WorkloadQueries workload) {
        this.prometheus = prometheus;
        this.pack = pack;
        this.settings = settings;
        this.workload = workload;
    }

    EngineState rebuild(Instant at, EngineState restored, ScalingSettingsLookup lookup, Map<JobId, JobFacts> facts) {
        Duration interval = settings.interval();
        Duration memory = pack.memory().compareTo(interval) > 0 ? pack.memory() : interval;
        long steps = (memory.toMillis() + interval.toMillis() - 1) / interval.toMillis() + 1;
        Instant first = at.minus(interval.multipliedBy(steps));
        boolean continueRestored = restored.at().isPresent()
                && restored.at().get().isAfter(first)
                && restored.at().get().isBefore(at);
        if (continueRestored) {
            long gap = Duration.between(restored.at().get(), at).toMillis() / interval.toMillis();
            first = at.minus(interval.multipliedBy(Math.max(gap, 0)));
            if (!first.isAfter(restored.at().get())) {
                first = first.plus(interval);
            }
        }
        Instant last = at.minus(interval);
        if (first.isAfter(last)) {
            return restored;
        }
        int count = (int) (Duration.between(first, last).toMillis() / interval.toMillis()) + 1;

        Map<Rule, List<StepSeries>> history = new LinkedHashMap<>();
        for (Rule rule : pack.rules()) {
            history.put(rule, steps(prometheus.range(rule.expr(), first, last, interval), first, interval, count));
        }
        Map<JobId, JobHistory> jobs = jobHistory(
                steps(prometheus.range(workload.historyQuery(), first, last, interval), first, interval, count));

        Map<JobId, Map<RuleName, RuleTimer>> timers = new LinkedHashMap<>();
        Map<JobId, String> names = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Instant t = first.plus(interval.multipliedBy(i));
            for (Map.Entry<Rule, List<StepSeries>> entry : history.entrySet()) {
                Rule rule = entry.getKey();
                RuleResults results = RuleResults.group(rule, at(entry.getValue(), i, t), settings.labels());
                Set<JobId> seen = new LinkedHashSet<>(results.jobs());
                seen.addAll(timers.keySet());
                for (JobId job : seen) {
                    results.jobName(job).ifPresent(n -> names.putIfAbsent(job, n));
                    Map<RuleName, RuleTimer> jobTimers =
                            timers.computeIfAbsent(job, id -> initial(restored, id, continueRestored));
                    Reading reading = judged(
                            results.readingFor(job, Set.of()),
                            t,
                            jobs.get(job),
                            i,
                            settingsFor(lookup, job, facts, names));
                    jobTimers.put(
                            rule.name(),
                            jobTimers
                                    .getOrDefault(rule.name(), RuleTimer.INACTIVE)
                                    .next(rule, reading, t));
                }
            }
        }
        Map<JobId, JobMemory> result = new LinkedHashMap<>(restored.jobs());
        timers.forEach((job, rules) -> result.put(
                job, restored.job(job).orElseGet(() -> JobMemory.fresh(last)).withRules(rules)));
        return new EngineState(EngineState.CURRENT_VERSION, Optional.of(last), result);
    }

    /** A live cycle's judgement at a past step: stale data and a stabilizing job are missing data. */
    private Reading judged(Reading reading, Instant t, JobHistory job, int step, ScalingSettings jobSettings) {
        if (!(reading instanceof Reading.Value) || job == null) {
            return reading;
        }
        Double oldest = job.oldestSample[step];
        if (oldest != null) {
            Duration age = Duration.between(Instant.ofEpochMilli(Math.round(oldest * 1000)), t);
            if (age.compareTo(settings.maxSampleAge()) > 0) {
                return new Reading.Missing("stale: the oldest busy-time sample was "
                        + PrometheusDurations.format(age.withNanos(0)) + " old");
            }
        }
        Double uptime = job.uptimeMs[step];
        if (uptime != null && Duration.ofMillis(Math.round(uptime)).compareTo(jobSettings.stabilization()) < 0) {
            return new Reading.Missing("ignored while the job stabilizes after its (re)start");
        }
        return reading;
    }

    private static ScalingSettings settingsFor(
            ScalingSettingsLookup lookup, JobId job, Map<JobId, JobFacts> facts, Map<JobId, String> names) {
        String name = facts.getOrDefault(job, JobFacts.NONE).name().orElse(names.getOrDefault(job, job.value()));
        return lookup.settingsFor(new JobRef(job, name));
    }

    private static Map<RuleName, RuleTimer> initial(EngineState restored, JobId job, boolean continueRestored) {
        if (!continueRestored) {
            return new LinkedHashMap<>();
        }
        return new LinkedHashMap<>(restored.job(job).map(JobMemory::rules).orElse(Map.of()));
    }

    /** One series of a range answer, its values indexed by step (null where it had none). */
    private record StepSeries(SeriesLabels labels, Double[] values) {}

    private static List<StepSeries> steps(QueryOutcome outcome, Instant first, Duration interval, int count) {
        if (!(outcome instanceof QueryOutcome.Answered answered)
                || !(answered.result() instanceof QueryResult.Matrix matrix)) {
            // Without history a rule starts from inactive, as on a first start: it can only be late, never early.
            return List.of();
        }
        List<StepSeries> result = new ArrayList<>(matrix.series().size());
        for (RangeSeries series : matrix.series()) {
            Double[] values = new Double[count];
            for (Sample sample : series.samples()) {
                long offset = Duration.between(first, sample.at()).toMillis();
                if (offset >= 0 && offset % interval.toMillis() == 0 && offset / interval.toMillis() < count) {
                    values[(int) (offset / interval.toMillis())] = sample.value();
                }
            }
            result.add(new StepSeries(series.labels(), values));
        }
        return result;
    }

    private static List<InstantSeries> at(List<StepSeries> series, int step, Instant t) {
        List<InstantSeries> present = new ArrayList<>();
        for (StepSeries one : series) {
            Double value = one.values()[step];
            if (value != null) {
                present.add(new InstantSeries(one.labels(), new Sample(t, value)));
            }
        }
        return present;
    }

    /** Per job, its oldest-sample time and uptime at every step. */
    private record JobHistory(Double[] oldestSample, Double[] uptimeMs) {}

    private Map<JobId, JobHistory> jobHistory(List<StepSeries> series) {
        Map<JobId, JobHistory> jobs = new HashMap<>();
        for (StepSeries one : series) {
            Optional<String> job = one.labels().get(settings.labels().jobId());
            Optional<String> stat = one.labels().get(WorkloadQueries.STAT_LABEL);
            if (job.isEmpty() || stat.isEmpty()) {
                continue;
            }
            JobHistory history = jobs.computeIfAbsent(
                    new JobId(job.get()),
                    id -> new JobHistory(new Double[one.values().length], new Double[one.values().length]));
            Double[] target = stat.get().equals("uptime_ms") ? history.uptimeMs() : history.oldestSample();
            System.arraycopy(one.values(), 0, target, 0, one.values().length);
        }
        return jobs;
    }
}

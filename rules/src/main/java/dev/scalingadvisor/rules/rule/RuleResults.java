package dev.scalingadvisor.rules.rule;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.text.ValueText;
import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One rule's answer for one cycle, grouped per job on our side (the query ran once for all jobs). A job's
 * value is read from its series: one series per job is the usual case; when the rule returns one series
 * per vertex (or several per job), an up-rule takes the series furthest on its firing side (any vertex may
 * ask for more) and a down-rule the one nearest to it (every vertex must agree to less).
 */
public final class RuleResults {

    private final Rule rule;
    private final JobLabels labels;
    private final Map<JobId, List<InstantSeries>> byJob;
    private final Map<JobId, String> names;
    private final Optional<String> problem;
    /** Set when the answer is partial and only a value that fires may be used: why the others are missing. */
    private final Optional<String> onlyFiring;

    private RuleResults(
            Rule rule,
            JobLabels labels,
            Map<JobId, List<InstantSeries>> byJob,
            Map<JobId, String> names,
            Optional<String> problem,
            Optional<String> onlyFiring) {
        this.rule = rule;
        this.labels = labels;
        this.byJob = byJob;
        this.names = names;
        this.problem = problem;
        this.onlyFiring = onlyFiring;
    }

    /**
     * These results from an answer Prometheus warned is partial, of an up-rule: a value that fires is used (part of
     * the series already asks for more), any other reading is missing, so the partial answer never clears the rule.
     */
    public RuleResults onlyFiringValues(List<String> warnings) {
        return new RuleResults(
                rule,
                labels,
                byJob,
                names,
                problem,
                Optional.of("a partial answer (Prometheus warns: " + String.join("; ", warnings)
                        + ") that does not fire counts as missing"));
    }

    public static RuleResults read(Rule rule, QueryOutcome outcome, JobLabels labels) {
        if (outcome instanceof QueryOutcome.Failed failed) {
            return new RuleResults(
                    rule,
                    labels,
                    Map.of(),
                    Map.of(),
                    Optional.of(failed.failure().describe()),
                    Optional.empty());
        }
        QueryResult result = ((QueryOutcome.Answered) outcome).result();
        if (!(result instanceof QueryResult.Vector vector)) {
            return new RuleResults(
                    rule,
                    labels,
                    Map.of(),
                    Map.of(),
                    Optional.of("the expression returns " + result.shape()
                            + ", not one series per job (an instant vector)"),
                    Optional.empty());
        }
        return group(rule, vector.series(), labels);
    }

    /** Groups series that came from elsewhere (a range query's step, in history replay). */
    public static RuleResults group(Rule rule, List<InstantSeries> series, JobLabels labels) {
        Map<JobId, List<InstantSeries>> byJob = new HashMap<>();
        Map<JobId, String> names = new HashMap<>();
        int withoutJob = 0;
        for (InstantSeries one : series) {
            Optional<String> job = one.labels().get(labels.jobId());
            if (job.isEmpty()) {
                withoutJob++;
                continue;
            }
            JobId id = new JobId(job.get());
            byJob.computeIfAbsent(id, k -> new ArrayList<>(1)).add(one);
            one.labels().get(labels.jobName()).ifPresent(name -> names.putIfAbsent(id, name));
        }
        Optional<String> problem = withoutJob == 0
                ? Optional.empty()
                : Optional.of(withoutJob + " series without the " + labels.jobId() + " label were ignored: keep "
                        + labels.jobId() + " in the expression's by (…) clause");
        return new RuleResults(rule, labels, byJob, names, problem, Optional.empty());
    }

    public Rule rule() {
        return rule;
    }

    /** What went wrong with the rule as a whole (query failed, wrong shape, series without the job label). */
    public Optional<String> problem() {
        return problem;
    }

    public Set<JobId> jobs() {
        return Collections.unmodifiableSet(byJob.keySet());
    }

    /** The job's name as the rule's series spell it (sanitised by Flink's reporter). */
    public Optional<String> jobName(JobId job) {
        return Optional.ofNullable(names.get(job));
    }

    /**
     * The job's reading: its value, or why there is none.
     *
     * @param vertices the job's vertices as known from elsewhere; a down-rule whose series are per vertex
     *                 needs a value for each of them
     */
    public Reading readingFor(JobId job, Set<VertexId> vertices) {
        Reading reading = fullReadingFor(job, vertices);
        if (onlyFiring.isPresent()
                && !(reading instanceof Reading.Value value && rule.threshold().triggers(value.value()))) {
            return new Reading.Missing(onlyFiring.get());
        }
        return reading;
    }

    private Reading fullReadingFor(JobId job, Set<VertexId> vertices) {
        List<InstantSeries> series = byJob.get(job);
        if (series == null || series.isEmpty()) {
            return new Reading.Missing(problem.filter(p -> byJob.isEmpty()).orElse("no series for this job"));
        }
        boolean up = rule.isUp();
        // Loops, not streams: this runs for every job and rule at every step of a replay.
        List<InstantSeries> finite = new ArrayList<>(series.size());
        InstantSeries bad = null;
        for (InstantSeries one : series) {
            if (one.sample().isFinite()) {
                finite.add(one);
            } else if (bad == null) {
                bad = one;
            }
        }
        if (finite.isEmpty() || !up && bad != null) {
            return new Reading.Missing("value is " + ValueText.of(bad.sample().value()));
        }
        if (!up && !vertices.isEmpty()) {
            Set<VertexId> covered = new HashSet<>();
            for (InstantSeries one : finite) {
                one.labels().get(labels.vertexId()).ifPresent(id -> covered.add(new VertexId(id)));
            }
            if (!covered.isEmpty() && !covered.containsAll(vertices)) {
                List<String> missing = vertices.stream()
                        .filter(v -> !covered.contains(v))
                        .map(VertexId::value)
                        .sorted()
                        .toList();
                return new Reading.Missing(
                        "no value for vertex " + String.join(", ", missing) + " (a scale-down needs every vertex)");
            }
        }
        boolean highest = (rule.threshold().comparison() == Threshold.Comparison.ABOVE) == up;
        InstantSeries chosen = finite.get(0);
        for (InstantSeries candidate : finite) {
            double v = candidate.sample().value();
            double c = chosen.sample().value();
            if (highest ? v > c : v < c) {
                chosen = candidate;
            }
        }
        return new Reading.Value(
                chosen.sample().value(),
                chosen.labels().get(labels.vertexId()).map(VertexId::new),
                chosen.labels().values());
    }
}

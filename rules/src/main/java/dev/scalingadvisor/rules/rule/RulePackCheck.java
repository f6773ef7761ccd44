package dev.scalingadvisor.rules.rule;

import dev.scalingadvisor.core.yaml.Problem;
import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a pack against a live Prometheus: Prometheus parses and runs each rule's expression once (a parse
 * error is reported at the rule's {@code expr} with file, line and column, like every other pack error),
 * each result must be one series per job with the job label, and the engine's own workload queries must run.
 */
public final class RulePackCheck {

    private RulePackCheck() {}

    /** What one rule's query returned: a problem with the rule, or how many series and jobs it found. */
    public record RuleCheck(Rule rule, Optional<Problem> problem, int series, int jobs, List<String> warnings) {
        public RuleCheck {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(problem, "problem");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The whole check.
     *
     * @param unreachable why Prometheus could not be used at all; then no rule was checked
     * @param workload    what the workload queries returned, or their problem
     */
    public record PackCheck(
            Optional<String> unreachable, List<RuleCheck> rules, String workload, boolean workloadFailed) {
        public PackCheck {
            Objects.requireNonNull(unreachable, "unreachable");
            rules = List.copyOf(rules);
            Objects.requireNonNull(workload, "workload");
        }

        /** The rules' problems, located in their packs. */
        public List<Problem> problems() {
            return rules.stream().flatMap(r -> r.problem().stream()).toList();
        }

        public boolean passed() {
            return unreachable.isEmpty() && problems().isEmpty() && !workloadFailed;
        }
    }

    public static PackCheck online(
            Prometheus prometheus, RulePack pack, JobLabels labels, Duration maxSampleAge, Instant at) {
        QueryOutcome ping = prometheus.instant("vector(1)", at);
        if (ping instanceof QueryOutcome.Failed failed) {
            return new PackCheck(Optional.of(failed.failure().describe()), List.of(), "not run", true);
        }
        List<RuleCheck> checks = new ArrayList<>();
        for (Rule rule : pack.rules()) {
            checks.add(check(rule, prometheus.instant(rule.expr(), at), labels));
        }
        WorkloadQueries workload = new WorkloadQueries(labels, maxSampleAge);
        QueryOutcome vertices = prometheus.instant(workload.vertexQuery(), at);
        QueryOutcome jobs = prometheus.instant(workload.jobQuery(), at);
        String summary;
        boolean failed = false;
        if (vertices instanceof QueryOutcome.Failed f) {
            summary = "vertex query failed: " + f.failure().describe();
            failed = true;
        } else if (jobs instanceof QueryOutcome.Failed f) {
            summary = "job query failed: " + f.failure().describe();
            failed = true;
        } else {
            var loads =
                    workload.read((QueryResult.Vector) ((QueryOutcome.Answered) vertices).result(), (QueryResult.Vector)
                            ((QueryOutcome.Answered) jobs).result());
            int vertexCount =
                    loads.values().stream().mapToInt(l -> l.vertices().size()).sum();
            summary = vertexCount + " vertices of " + loads.size() + " jobs";
        }
        return new PackCheck(Optional.empty(), checks, summary, failed);
    }

    private static RuleCheck check(Rule rule, QueryOutcome outcome, JobLabels labels) {
        String field = rule.origin().path() + ".expr";
        if (outcome instanceof QueryOutcome.Failed failed) {
            String message = failed.failure().blamesQuery()
                    ? "Prometheus cannot use this expression: "
                            + failed.failure().describe()
                    : "could not be checked: " + failed.failure().describe();
            return new RuleCheck(rule, Optional.of(new Problem(rule.origin().expr(), field, message)), 0, 0, List.of());
        }
        QueryOutcome.Answered answered = (QueryOutcome.Answered) outcome;
        if (!(answered.result() instanceof QueryResult.Vector vector)) {
            return new RuleCheck(
                    rule,
                    Optional.of(new Problem(
                            rule.origin().expr(),
                            field,
                            "the expression returns " + answered.result().shape()
                                    + "; a rule needs one series per job (an instant vector)")),
                    0,
                    0,
                    answered.warnings());
        }
        Set<String> jobs = new HashSet<>();
        int withoutJob = 0;
        for (InstantSeries series : vector.series()) {
            Optional<String> job = series.labels().get(labels.jobId());
            if (job.isPresent()) {
                jobs.add(job.get());
            } else {
                withoutJob++;
            }
        }
        Optional<Problem> problem = withoutJob == 0
                ? Optional.empty()
                : Optional.of(new Problem(
                        rule.origin().expr(),
                        field,
                        withoutJob + " of " + vector.series().size() + " series lack the " + labels.jobId()
                                + " label; keep " + labels.jobId() + " in the expression's by (…) clause"));
        return new RuleCheck(rule, problem, vector.series().size(), jobs.size(), answered.warnings());
    }
}

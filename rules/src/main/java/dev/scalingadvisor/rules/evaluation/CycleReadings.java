package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.rules.rule.RuleResults;
import dev.scalingadvisor.rules.workload.JobLoad;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the engine reads for one evaluation instant: each rule's answer grouped per job, and each job's
 * load from the workload queries. {@link ScalingEvaluator#step} turns it into decisions whatever its source:
 * instant queries now ({@link ScalingEvaluator#read}), one step of range queries over history
 * ({@link HistoryReadings}), or a simulator that builds it directly.
 *
 * @param rules           one answer per rule of the pack, in the pack's order
 * @param loads           per job, what the workload queries said
 * @param workloadFailure why the workload queries failed, if they did: then freshness is unknown and every
 *                        rule of every job is unknown
 * @param problems        what went wrong with Prometheus itself, for readiness
 * @param ruleProblems    problems with individual rules (PromQL rejected, series without the job label, warnings)
 * @param queries         how many queries this cycle cost (a step of history counts as a cycle)
 */
public record CycleReadings(
        Instant at,
        List<RuleResults> rules,
        Map<JobId, JobLoad> loads,
        Optional<String> workloadFailure,
        List<String> problems,
        List<RuleProblem> ruleProblems,
        int queries) {

    public CycleReadings {
        Objects.requireNonNull(at, "at");
        rules = List.copyOf(rules);
        loads = Collections.unmodifiableMap(new LinkedHashMap<>(loads));
        Objects.requireNonNull(workloadFailure, "workloadFailure");
        problems = List.copyOf(problems);
        ruleProblems = List.copyOf(ruleProblems);
    }
}

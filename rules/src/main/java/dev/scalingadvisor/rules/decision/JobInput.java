package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.rules.policy.JobShape;
import dev.scalingadvisor.rules.rule.Reading;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.workload.JobLoad;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one cycle knows about one job, as the state machine consumes it.
 *
 * @param readings  each rule's reading for the job (freshness already judged); a rule without one has no data
 * @param shape     the job's vertices now (parallelism from Flink REST, else counted in Prometheus) and lag figures
 * @param startedAt the job's last (re)start, from Flink REST or {@code flink_jobmanager_job_uptime}
 */
public record JobInput(
        Instant now,
        JobRef job,
        RulePack pack,
        Map<RuleName, Reading> readings,
        JobShape shape,
        JobLoad load,
        Optional<Instant> startedAt,
        JobFacts facts,
        ScalingSettings settings) {

    public JobInput {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(pack, "pack");
        readings = Map.copyOf(readings);
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(settings, "settings");
    }
}

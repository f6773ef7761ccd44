package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A job must have run for {@code stabilizationPeriod} since it last entered RUNNING (submission, restart or
 * rescale): its metrics right after a start show catch-up, not its steady load. Measured on the JobManager's
 * clock ({@code now} of the answer), so the advisor's clock skew does not matter.
 */
public final class StabilizationGuard implements JobGuard {

    @Override
    public Optional<Refusal> check(PreflightFacts facts) {
        JobDetails job = facts.job();
        Duration period = facts.request().settings().stabilizationPeriod();
        Instant runningSince = job.lastEntered(JobStatus.RUNNING).orElse(job.startTime());
        Duration running = Duration.between(runningSince, job.now());
        if (running.compareTo(period) < 0) {
            return Refusal.of(
                    PreflightGuard.STABILIZATION,
                    "job " + job.name() + " has been running for " + PrometheusDurations.format(running.withNanos(0))
                            + " since it last started; the stabilization period is "
                            + PrometheusDurations.format(period));
        }
        return Optional.empty();
    }
}

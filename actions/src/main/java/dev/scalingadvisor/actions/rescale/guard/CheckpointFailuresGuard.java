package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.CheckpointStats;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.time.Instant;
import java.util.Optional;

/**
 * No more than {@code maxCheckpointFailures} checkpoint failures within {@code checkpointFailureWindow}: a job
 * whose checkpoints fail is likely to fail its savepoint, and a rescale restarts it from its last checkpoint.
 * Only failures since the job last entered RUNNING count: a restart (an in-place rescale among them) aborts the
 * checkpoint in flight ("Checkpoint Coordinator is suspending"), which says nothing about the job as it runs now;
 * the stabilization guard covers restarts themselves.
 */
public final class CheckpointFailuresGuard implements JobGuard {

    @Override
    public Optional<Refusal> check(PreflightFacts facts) {
        if (facts.checkpoints().isEmpty()) {
            return Optional.empty();
        }
        CheckpointStats stats = facts.checkpoints().get();
        RescaleSettings settings = facts.request().settings();
        Instant windowStart = facts.job().now().minus(settings.checkpointFailureWindow());
        Instant running =
                facts.job().lastEntered(JobStatus.RUNNING).orElse(facts.job().startTime());
        int failures = stats.checkpointFailuresSince(running.isAfter(windowStart) ? running : windowStart);
        if (failures > settings.maxCheckpointFailures()) {
            String last = stats.latestFailed()
                    .flatMap(CheckpointStats.Failed::message)
                    .map(m -> "; the last failed with: " + m)
                    .orElse("");
            return Refusal.of(
                    PreflightGuard.CHECKPOINT_FAILURES,
                    failures + " checkpoint(s) of job " + facts.job().name() + " failed in the last "
                            + PrometheusDurations.format(settings.checkpointFailureWindow())
                            + " (maxCheckpointFailures is "
                            + settings.maxCheckpointFailures() + ")" + last);
        }
        return Optional.empty();
    }
}

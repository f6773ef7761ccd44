package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.CheckpointStats;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.time.Duration;
import java.util.Optional;

/**
 * The last completed checkpoint must be younger than {@code checkpointMaxAge}: an in-place rescale restores
 * from it, and a job that cannot checkpoint will not manage a savepoint either.
 */
public final class CheckpointAgeGuard implements JobGuard {

    @Override
    public Optional<Refusal> check(PreflightFacts facts) {
        String job = facts.job().name();
        if (facts.checkpoints().isEmpty()) {
            return Refusal.of(PreflightGuard.CHECKPOINT_AGE, "checkpointing is not enabled for job " + job);
        }
        Optional<CheckpointStats.Completed> latest = facts.checkpoints().get().latestCompleted();
        if (latest.isEmpty()) {
            return Refusal.of(PreflightGuard.CHECKPOINT_AGE, "job " + job + " has not completed a checkpoint yet");
        }
        Duration maxAge = facts.request().settings().checkpointMaxAge();
        Duration age = Duration.between(latest.get().completedAt(), facts.job().now());
        if (age.compareTo(maxAge) > 0) {
            return Refusal.of(
                    PreflightGuard.CHECKPOINT_AGE,
                    "the last completed checkpoint of job " + job + " is "
                            + PrometheusDurations.format(age.withNanos(0)) + " old; checkpointMaxAge is "
                            + PrometheusDurations.format(maxAge));
        }
        return Optional.empty();
    }
}

package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.ResourceRequirements;
import dev.scalingadvisor.actions.flink.TriggerId;
import dev.scalingadvisor.core.job.JobId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rescale operation as the journal holds it: its plan, where it stands, what it has durably learnt
 * (trigger id, savepoint path, job ids) and each step recorded before and after it happened.
 *
 * @param plannedJobId          the id the next (or a lost) submission uses; recovery looks for it before submitting again
 * @param currentJobId          the job that runs now or last ran: the new one once a submission was answered
 * @param previousRequirements  in place: the resource requirements before the change, for rollback
 */
public record JournalEntry(
        RescalePlan plan,
        OperationState state,
        Optional<TriggerId> triggerId,
        Optional<String> savepointPath,
        Optional<JobId> plannedJobId,
        Optional<JobId> currentJobId,
        Optional<ResourceRequirements> previousRequirements,
        Optional<String> outcome,
        Optional<String> detail,
        Instant startedAt,
        Instant updatedAt,
        Optional<Instant> finishedAt,
        List<StepRecord> steps) {

    public JournalEntry {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(triggerId, "triggerId");
        Objects.requireNonNull(savepointPath, "savepointPath");
        Objects.requireNonNull(plannedJobId, "plannedJobId");
        Objects.requireNonNull(currentJobId, "currentJobId");
        Objects.requireNonNull(previousRequirements, "previousRequirements");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        steps = List.copyOf(steps);
    }

    public OperationId id() {
        return plan.id();
    }

    /** How long each step took, from its last completed begin/end pair of rows. */
    public StepTimings timings() {
        return StepTimings.of(steps);
    }

    /**
     * When the job ran again after this operation restarted it (at its target, or at its previous parallelism after
     * a rollback): the end of the last {@link Step#RUNNING} step. An operation that never restarted the job (refused
     * by Flink, aborted) has no restart: it counts from when it started. Cooldowns count from here, not from the end
     * of the verify window: the job's metrics describe the new parallelism from the restart on.
     */
    public Instant restartedAt() {
        return steps.stream()
                .filter(s -> s.step() == Step.RUNNING && s.phase() == Phase.END)
                .map(StepRecord::at)
                .reduce((first, last) -> last)
                .orElse(startedAt);
    }

    /** One row of the step log. */
    public record StepRecord(int seq, Step step, Phase phase, Instant at, Optional<String> detail) {
        public StepRecord {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Whether a step row was written before the step, after it succeeded, or after it failed. */
    public enum Phase {
        BEGIN,
        END,
        FAILED
    }
}

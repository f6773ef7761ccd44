package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.FlinkRestException;
import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.ResourceRequirements;
import dev.scalingadvisor.actions.flink.RestCall;
import dev.scalingadvisor.actions.rescale.guard.PreflightFacts;
import dev.scalingadvisor.actions.rescale.guard.Refusal;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In place, for jobs on the adaptive scheduler: set the changed vertices' upper parallelism bound to the
 * target (per vertex: only the bottleneck moves) and wait until the job runs at it; the job restarts from
 * its last checkpoint by itself. If it does not get there, or restarts in the verify window, the previous
 * requirements are put back.
 */
final class InPlaceRescale implements Rescaler {

    private static final Logger LOG = LoggerFactory.getLogger(InPlaceRescale.class);

    @Override
    public RescaleStrategy strategy() {
        return RescaleStrategy.IN_PLACE;
    }

    @Override
    public Preparation prepare(PreflightFacts facts, FlinkRestClient client) {
        if (!facts.scheduler().rescalesInPlace()) {
            return new Preparation.Refused(new Refusal(
                    PreflightGuard.STRATEGY,
                    "in-place rescaling needs the adaptive scheduler, but job "
                            + facts.request().job().name() + " runs on the "
                            + facts.scheduler()
                                    .name()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', '-')
                            + " scheduler (jobmanager.scheduler="
                            + facts.jobManagerConfig().getOrDefault("jobmanager.scheduler", "default")
                            + "); use strategy savepoint-redeploy or auto"));
        }
        return new Preparation.Ready(Optional.empty());
    }

    @Override
    public List<RestCall> dryRun(RescalePlan plan, FlinkRestClient client) {
        ResourceRequirements next = withTargets(
                client.resourceRequirements(plan.job().id()), plan.vertices().target());
        return List.of(
                next.updateCall(plan.job().id()),
                RestCall.get("/v1/jobs/" + plan.job().id()));
    }

    @Override
    public RescaleOutcome execute(RescaleRun run) throws InterruptedException {
        RescalePlan plan = run.plan();
        ResourceRequirements current;
        try {
            current = run.client().resourceRequirements(plan.job().id());
        } catch (FlinkRestException e) {
            return run.aborted("could not read the job's resource requirements: " + e.getMessage());
        }
        ResourceRequirements next = withTargets(current, plan.vertices().target());
        run.journal().requirementsChanging(run.id(), current, next);
        try {
            run.client().updateResourceRequirements(plan.job().id(), next);
        } catch (FlinkRestException e) {
            run.journal().stepFailed(run.id(), Step.REQUIREMENTS, e.getMessage());
            if (!e.isTransient()) {
                return run.aborted("Flink refused the new resource requirements: " + e.getMessage());
            }
            // The PUT may or may not have been applied: Flink's requirements say which.
            Optional<Boolean> applied = applied(run, next, current);
            if (applied.isEmpty()) {
                return run.unresolved(
                        OperationState.REQUIREMENTS_SENT,
                        "could not tell whether Flink applied the new resource requirements: " + e.getMessage()
                                + "; the advisor takes this operation up again",
                        Optional.of(plan.job().id()),
                        Optional.empty());
            }
            if (!applied.get()) {
                return run.aborted("the new resource requirements did not reach Flink: " + e.getMessage());
            }
        }
        run.journal().stepEnded(run.id(), Step.REQUIREMENTS, "accepted");
        return awaitRescaled(run, current);
    }

    @Override
    public RescaleOutcome resume(RescaleRun run, JournalEntry entry) throws InterruptedException {
        switch (entry.state()) {
            case STARTED -> {
                return run.aborted("the advisor stopped before the rescale touched the job");
            }
            case REQUIREMENTS_SENT -> {
                ResourceRequirements previous = entry.previousRequirements().orElseThrow();
                Optional<Boolean> applied =
                        applied(run, withTargets(previous, run.plan().vertices().target()), previous);
                if (applied.isPresent() && !applied.get()) {
                    return run.aborted("the new resource requirements never reached Flink; the job runs as before");
                }
                return awaitRescaled(run, previous);
            }
            case VERIFYING -> {
                return awaitRescaled(run, entry.previousRequirements().orElseThrow());
            }
            case ROLLING_BACK -> {
                return rollback(
                        run,
                        entry.previousRequirements().orElseThrow(),
                        entry.detail().orElse("rescale failed"));
            }
            default -> throw new IllegalStateException("cannot resume an in-place rescale in state " + entry.state());
        }
    }

    /** Waits for the job at its target, timing the restart, then watches it for the verify window. */
    private RescaleOutcome awaitRescaled(RescaleRun run, ResourceRequirements previous) throws InterruptedException {
        RescalePlan plan = run.plan();
        run.journal()
                .state(
                        run.id(),
                        OperationState.VERIFYING,
                        "waiting for " + plan.vertices().changed());
        run.journal()
                .stepBegan(run.id(), Step.RUNNING, plan.vertices().changed().toString());
        RestartTimer restart = new RestartTimer(run);
        JobWatch.Running running = run.watch()
                .awaitRunning(
                        plan.job().id(),
                        plan.vertices().target(),
                        plan.limits().runningTimeout(),
                        plan.limits().pollInterval(),
                        restart);
        if (running instanceof JobWatch.Running.Unobservable unobservable) {
            return run.unresolved(
                    OperationState.VERIFYING,
                    unobservable.reason(),
                    Optional.of(plan.job().id()),
                    Optional.empty());
        }
        if (running instanceof JobWatch.Running.NotReached notReached) {
            run.journal().stepFailed(run.id(), Step.RUNNING, notReached.reason());
            return rollback(run, previous, "the job did not reach the new parallelism: " + notReached.reason());
        }
        restart.ended((JobWatch.Running.Reached) running);
        run.journal()
                .stepEnded(
                        run.id(), Step.RUNNING, "running at " + plan.vertices().changed());
        run.journal()
                .stepBegan(run.id(), Step.VERIFY, plan.limits().verifyWindow().toSeconds() + " s");
        JobWatch.Verdict verdict = run.watch()
                .verify(
                        plan.job().id(),
                        plan.vertices().target(),
                        plan.limits().verifyWindow(),
                        plan.limits().pollInterval(),
                        ((JobWatch.Running.Reached) running).details());
        if (verdict instanceof JobWatch.Verdict.Unobservable unobservable) {
            return run.unresolved(
                    OperationState.VERIFYING,
                    unobservable.reason(),
                    Optional.of(plan.job().id()),
                    Optional.empty());
        }
        if (verdict instanceof JobWatch.Verdict.Restarted restarted) {
            run.journal().stepFailed(run.id(), Step.VERIFY, restarted.reason());
            return rollback(run, previous, "the rescaled job failed verification: " + restarted.reason());
        }
        run.journal().stepEnded(run.id(), Step.VERIFY, "stable");
        return run.succeeded(plan.job().id(), plan.vertices().target(), Optional.empty());
    }

    private RescaleOutcome rollback(RescaleRun run, ResourceRequirements previous, String reason)
            throws InterruptedException {
        RescalePlan plan = run.plan();
        LOG.warn(
                "rescale operation={} job={} rolling back to the previous resource requirements: {}",
                run.id(),
                plan.job().id(),
                reason);
        run.journal().state(run.id(), OperationState.ROLLING_BACK, reason);
        run.journal().stepBegan(run.id(), Step.ROLLBACK, previous.toJson());
        try {
            run.client().updateResourceRequirements(plan.job().id(), previous);
        } catch (FlinkRestException e) {
            run.journal().stepFailed(run.id(), Step.ROLLBACK, e.getMessage());
            if (e.isTransient()) {
                return run.unresolved(
                        OperationState.ROLLING_BACK,
                        reason + "; restoring the previous requirements failed: " + e.getMessage()
                                + "; the advisor takes this operation up again",
                        Optional.of(plan.job().id()),
                        Optional.empty());
            }
            return run.failed(
                    reason + "; Flink refused the previous requirements: " + e.getMessage(),
                    Optional.of(plan.job().id()),
                    Optional.empty());
        }
        JobWatch.Running running = run.watch()
                .awaitRunning(
                        plan.job().id(),
                        plan.vertices().previous(),
                        plan.limits().runningTimeout(),
                        plan.limits().pollInterval(),
                        d -> {});
        if (running instanceof JobWatch.Running.Reached) {
            run.journal().stepEnded(run.id(), Step.ROLLBACK, "running at the previous parallelism");
            return run.rolledBack(reason, plan.job().id(), Optional.empty());
        }
        if (running instanceof JobWatch.Running.Unobservable unobservable) {
            return run.unresolved(
                    OperationState.ROLLING_BACK,
                    reason + "; " + unobservable.reason(),
                    Optional.of(plan.job().id()),
                    Optional.empty());
        }
        String notRunning = ((JobWatch.Running.NotReached) running).reason();
        run.journal().stepFailed(run.id(), Step.ROLLBACK, notRunning);
        return run.failed(
                reason
                        + "; with the previous requirements back the job does not run at its previous parallelism either: "
                        + notRunning,
                Optional.of(plan.job().id()),
                Optional.empty());
    }

    /** Whether Flink holds {@code next} (true) or still {@code previous} (false); empty when it cannot be asked. */
    private static Optional<Boolean> applied(RescaleRun run, ResourceRequirements next, ResourceRequirements previous)
            throws InterruptedException {
        Duration interval = run.plan().limits().pollInterval();
        Waiting.Result<Boolean> result = run.waiting().until(run.now().plus(interval.multipliedBy(5)), interval, () -> {
            ResourceRequirements now =
                    run.client().resourceRequirements(run.plan().job().id());
            if (now.equals(next)) {
                return Optional.of(true);
            }
            return now.equals(previous) ? Optional.of(false) : Optional.empty();
        });
        return result instanceof Waiting.Result.Done<Boolean> done ? Optional.of(done.value()) : Optional.empty();
    }

    /** The current requirements with each target vertex's upper bound at its target; other vertices as they are. */
    static ResourceRequirements withTargets(ResourceRequirements current, Map<VertexId, Integer> target) {
        ResourceRequirements next = current;
        for (Map.Entry<VertexId, Integer> entry : target.entrySet()) {
            ResourceRequirements.Bounds bounds = current.vertices().get(entry.getKey());
            if (bounds != null && bounds.upperBound() != entry.getValue()) {
                next = next.withUpperBound(entry.getKey(), entry.getValue());
            }
        }
        return next;
    }

    /**
     * Times the in-place downtime: from the moment the adaptive scheduler began restarting the job (Flink's
     * CREATED/RESTARTING timestamp, or the first answer showing it, whichever is known) until every subtask ran
     * at the new parallelism (Flink's subtask times, or the answer that showed it).
     */
    private static final class RestartTimer implements Consumer<JobDetails> {
        private final RescaleRun run;
        private final java.time.Instant requested;
        private java.time.Instant firstSeen;

        RestartTimer(RescaleRun run) {
            this.run = run;
            this.requested = run.now();
        }

        @Override
        public void accept(JobDetails details) {
            if (firstSeen == null
                    && !JobWatch.runsAt(details, run.plan().vertices().previous())) {
                firstSeen = run.now();
            }
        }

        void ended(JobWatch.Running.Reached reached) {
            java.time.Instant began = JobWatch.restartBegan(reached.details(), reached.at(), requested)
                    .orElse(firstSeen != null ? firstSeen : reached.at());
            java.time.Instant running = run.watch()
                    .allRunningSince(reached.details(), reached.at())
                    .filter(t -> !t.isBefore(began))
                    .orElse(reached.at());
            run.journal().step(run.id(), Step.RESTART, JournalEntry.Phase.BEGIN, began, "the job began to restart");
            run.journal()
                    .step(
                            run.id(),
                            Step.RESTART,
                            JournalEntry.Phase.END,
                            running,
                            "every subtask RUNNING at the new parallelism; the advisor saw it "
                                    + java.time.Duration.between(running, reached.at())
                                            .toMillis() + " ms later");
        }
    }
}

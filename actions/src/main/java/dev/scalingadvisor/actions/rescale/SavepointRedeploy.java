package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.FlinkRestException;
import dev.scalingadvisor.actions.flink.JarRun;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.flink.JobSummary;
import dev.scalingadvisor.actions.flink.RestCall;
import dev.scalingadvisor.actions.flink.StopWithSavepoint;
import dev.scalingadvisor.actions.flink.TriggerId;
import dev.scalingadvisor.actions.rescale.guard.PreflightFacts;
import dev.scalingadvisor.actions.rescale.guard.Refusal;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Savepoint-redeploy, for any scheduler: stop the job with a savepoint, journal the savepoint's path before
 * anything else, resubmit the job's jar from it with every vertex's new parallelism, wait until it runs and
 * watch it; if it does not run or restarts, cancel it and resubmit at the previous parallelism from the same
 * savepoint.
 */
final class SavepointRedeploy implements Rescaler {

    private static final Logger LOG = LoggerFactory.getLogger(SavepointRedeploy.class);
    private static final String NEW_JOB = "<new job id>";
    private static final String SAVEPOINT = "<savepoint location>";

    @Override
    public RescaleStrategy strategy() {
        return RescaleStrategy.SAVEPOINT_REDEPLOY;
    }

    @Override
    public Preparation prepare(PreflightFacts facts, FlinkRestClient client) {
        RescaleSettings settings = facts.request().settings();
        if (settings.savepointDir().isEmpty()
                && SavepointDirectories.configured(facts.jobManagerConfig()).isEmpty()) {
            return new Preparation.Refused(new Refusal(
                    PreflightGuard.SAVEPOINT_DIRECTORY,
                    "neither rescale.savepointDir nor the cluster's " + SavepointDirectories.KEYS
                            + " is set: stop-with-savepoint has nowhere to write"));
        }
        return JarResolution.resolve(facts, client);
    }

    @Override
    public List<RestCall> dryRun(RescalePlan plan, FlinkRestClient client) {
        List<RestCall> calls = new ArrayList<>();
        JarSubmission jar = plan.jar().orElseThrow();
        jar.uploadFile().ifPresent(file -> calls.add(FlinkRestClient.uploadCall(file)));
        StopWithSavepoint stop = new StopWithSavepoint(plan.job().id(), plan.savepointDir(), TriggerId.random());
        calls.add(stop.call());
        calls.add(stop.statusCall());
        calls.add(RestCall.get("/v1/jobs/" + plan.job().id()));
        calls.add(new JarRun(
                        jar.jarId().orElse("<uploaded jar id>"),
                        jar.entryClass(),
                        jar.args(),
                        OptionalInt.empty(),
                        Optional.of(new JobId(NEW_JOB)),
                        Optional.of(SAVEPOINT),
                        jar.allowNonRestoredState(),
                        plan.vertices().target())
                .call());
        calls.add(RestCall.get("/v1/jobs/" + NEW_JOB));
        return calls;
    }

    @Override
    public RescaleOutcome execute(RescaleRun run) throws InterruptedException {
        Optional<RescaleOutcome> uploadFailure = uploadJar(run);
        if (uploadFailure.isPresent()) {
            return uploadFailure.get();
        }
        TriggerId trigger = TriggerId.random();
        Instant requested = run.now();
        run.journal().stopRequested(run.id(), trigger);
        Optional<FlinkRestException> stopError = Optional.empty();
        try {
            run.client()
                    .stopWithSavepoint(new StopWithSavepoint(
                            run.plan().job().id(), run.plan().savepointDir(), trigger));
        } catch (FlinkRestException e) {
            // Not decided yet: the request may have reached Flink. The operation's status tells.
            LOG.warn("rescale operation={} stop-with-savepoint request failed: {}", run.id(), e.getMessage());
            stopError = Optional.of(e);
        }
        return afterStop(run, new SavepointWait(run).await(trigger, stopError, requested));
    }

    @Override
    public RescaleOutcome resume(RescaleRun run, JournalEntry entry) throws InterruptedException {
        Optional<String> savepoint = entry.savepointPath();
        switch (entry.state()) {
            case STARTED -> {
                return run.aborted("the advisor stopped before the rescale touched the job");
            }
            case STOPPING -> {
                TriggerId trigger =
                        entry.triggerId().orElseThrow(() -> new IllegalStateException("STOPPING without a trigger id"));
                Instant requested = entry.steps().stream()
                        .filter(s -> s.step() == Step.SAVEPOINT)
                        .findFirst()
                        .map(JournalEntry.StepRecord::at)
                        .orElse(entry.startedAt());
                return afterStop(run, new SavepointWait(run).await(trigger, Optional.empty(), requested));
            }
            case SAVEPOINT_TAKEN, SUBMITTING -> {
                Optional<RescaleOutcome> resolved = elsewhere(run, entry);
                if (resolved.isPresent()) {
                    return resolved.get();
                }
                return redeploy(run, savepoint.orElseThrow(() -> missingSavepoint(entry)));
            }
            case VERIFYING -> {
                return verify(
                        run, entry.currentJobId().orElseThrow(), savepoint.orElseThrow(() -> missingSavepoint(entry)));
            }
            case ROLLING_BACK -> {
                Optional<JobId> failed = entry.currentJobId()
                        .filter(id -> !id.equals(run.plan().job().id()));
                return rollback(
                        run,
                        savepoint.orElseThrow(() -> missingSavepoint(entry)),
                        entry.detail().orElse("rescale failed"),
                        failed);
            }
            case ROLLBACK_VERIFYING -> {
                return awaitRolledBack(
                        run,
                        entry.currentJobId().orElseThrow(),
                        savepoint.orElseThrow(() -> missingSavepoint(entry)),
                        entry.detail().orElse("rescale failed"));
            }
            case LEFT_STOPPED -> {
                Optional<RescaleOutcome> resolved = elsewhere(run, entry);
                if (resolved.isPresent()) {
                    return resolved.get();
                }
                return rollback(
                        run,
                        savepoint.orElseThrow(() -> missingSavepoint(entry)),
                        entry.detail().orElse("left stopped"),
                        Optional.empty());
            }
            default -> throw new IllegalStateException("cannot resume a savepoint-redeploy in state " + entry.state());
        }
    }

    private Optional<RescaleOutcome> uploadJar(RescaleRun run) {
        JarSubmission jar = run.plan().jar().orElseThrow();
        if (jar.uploadFile().isEmpty()) {
            return Optional.empty();
        }
        run.journal().stepBegan(run.id(), Step.UPLOAD, jar.uploadFile().get().toString());
        try {
            String id = run.client()
                    .uploadJar(jar.uploadFile().get(), run.plan().limits().submitTimeout());
            run.journal().stepEnded(run.id(), Step.UPLOAD, "jar id " + id);
            run.updatePlan(run.plan().withJar(jar.uploadedAs(id)));
            return Optional.empty();
        } catch (FlinkRestException e) {
            run.journal().stepFailed(run.id(), Step.UPLOAD, e.getMessage());
            return Optional.of(run.aborted(
                    "could not upload the job's jar " + jar.uploadFile().get() + ": " + e.getMessage()));
        }
    }

    /** Attempts at journaling a taken savepoint, a second apart, before the rescale stops short. */
    static final int SAVEPOINT_RECORD_ATTEMPTS = 3;

    /**
     * Journals the savepoint of the stopped job. Its location is logged first: if the write fails (disk full, a
     * read-only file system) that line, the outcome and its notification are where the job's state is. The write
     * is tried {@link #SAVEPOINT_RECORD_ATTEMPTS} times; if it still fails, nothing is resubmitted (the journal
     * guards against two copies) and the operation stays open in STOPPING: the daemon takes it up again, finds the
     * savepoint by its trigger and records it once the journal can be written.
     *
     * @return empty when recorded; otherwise the outcome that carries the location
     */
    private Optional<RescaleOutcome> recordSavepoint(RescaleRun run, String location) throws InterruptedException {
        LOG.warn(
                "rescale operation={} job={} stopped with savepoint={}; recording it in the journal",
                run.id(),
                run.plan().job().id(),
                location);
        RescaleJournal.JournalException failure = null;
        for (int attempt = 1; attempt <= SAVEPOINT_RECORD_ATTEMPTS; attempt++) {
            try {
                run.journal().savepointTaken(run.id(), location);
                return Optional.empty();
            } catch (RescaleJournal.JournalException e) {
                failure = e;
                LOG.error(
                        "rescale operation={}: could not journal savepoint={} (attempt {} of {}): {}",
                        run.id(),
                        location,
                        attempt,
                        SAVEPOINT_RECORD_ATTEMPTS,
                        e.getMessage());
                if (attempt < SAVEPOINT_RECORD_ATTEMPTS) {
                    run.waiting().sleep(Duration.ofSeconds(1));
                }
            }
        }
        String cause = failure.getCause() == null
                ? failure.getMessage()
                : failure.getCause().getMessage();
        return Optional.of(new RescaleOutcome.Failed(
                run.subject(),
                run.now(),
                "job " + run.plan().job().id() + " stopped with savepoint " + location
                        + " but the journal could not record it (" + cause + "); nothing was resubmitted",
                Optional.of(run.plan().job().id()),
                Optional.of(location),
                true,
                StepTimings.none()));
    }

    private RescaleOutcome afterStop(RescaleRun run, SavepointWait.Ending ending) throws InterruptedException {
        if (ending instanceof SavepointWait.Ending.Taken taken) {
            Optional<RescaleOutcome> unrecorded = recordSavepoint(run, taken.location());
            if (unrecorded.isPresent()) {
                return unrecorded.get();
            }
            LOG.info(
                    "rescale operation={} job={} savepoint={} recorded; resubmitting",
                    run.id(),
                    run.plan().job().id(),
                    taken.location());
            run.publish(new RescaleEvent.SavepointTaken(run.subject(), run.now(), taken.location()));
            return redeploy(run, taken.location());
        }
        if (ending instanceof SavepointWait.Ending.Refused refused) {
            run.journal().stepFailed(run.id(), Step.SAVEPOINT, refused.reason());
            return run.aborted(refused.reason() + "; the job keeps running at its previous parallelism");
        }
        if (ending instanceof SavepointWait.Ending.StillRunning still) {
            return run.unresolved(
                    OperationState.STOPPING,
                    still.reason() + ": the stop may still complete; the advisor takes this operation up again",
                    Optional.of(run.plan().job().id()),
                    Optional.empty());
        }
        SavepointWait.Ending.Unknown unknown = (SavepointWait.Ending.Unknown) ending;
        return run.unresolved(
                OperationState.STOPPING,
                unknown.reason() + "; the advisor looks again when it takes this operation up again",
                Optional.of(run.plan().job().id()),
                Optional.empty());
    }

    /** From a recorded savepoint: wait for the old job to end, submit at the target, verify, roll back if needed. */
    private RescaleOutcome redeploy(RescaleRun run, String savepoint) throws InterruptedException {
        RescalePlan plan = run.plan();
        run.journal().stepBegan(run.id(), Step.STOP, "job " + plan.job().id());
        Optional<JobStatus> ended = run.watch()
                .awaitTerminal(
                        plan.job().id(),
                        plan.limits().runningTimeout(),
                        plan.limits().pollInterval());
        if (ended.isEmpty()) {
            return oldJobDidNotStop(run, savepoint);
        }
        run.journal().stepEnded(run.id(), Step.STOP, ended.get().name());
        Resubmission.Result submission = new Resubmission(run)
                .submit(
                        savepoint,
                        plan.vertices().target(),
                        OperationState.SUBMITTING,
                        OperationState.VERIFYING,
                        "rescale",
                        Set.of());
        if (submission instanceof Resubmission.Result.Submitted submitted) {
            return verify(run, submitted.job(), savepoint);
        }
        String reason = "the job could not be resubmitted at the new parallelism: "
                + ((Resubmission.Result.NotSubmitted) submission).reason();
        return rollback(run, savepoint, reason, Optional.empty());
    }

    /** The savepoint exists but the old job still runs (or cannot be seen): never start a second copy. */
    private RescaleOutcome oldJobDidNotStop(RescaleRun run, String savepoint) {
        RescalePlan plan = run.plan();
        try {
            Optional<JobStatus> job = run.client().jobStatus(plan.job().id());
            if (job.isPresent() && !job.get().isGloballyTerminal()) {
                run.journal().stepFailed(run.id(), Step.STOP, "still " + job.get());
                return run.aborted("the savepoint " + savepoint + " completed but job "
                        + plan.job().id() + " did not stop (it is " + job.get()
                        + "); it keeps running at its previous parallelism");
            }
        } catch (FlinkRestException e) {
            LOG.warn(
                    "rescale operation={} cannot see whether job {} stopped: {}",
                    run.id(),
                    plan.job().id(),
                    e.getMessage());
        }
        return run.unresolved(
                OperationState.SAVEPOINT_TAKEN,
                "could not see job " + plan.job().id() + " stop after its savepoint " + savepoint
                        + "; the advisor takes this operation up again",
                Optional.of(plan.job().id()),
                Optional.of(savepoint));
    }

    private RescaleOutcome verify(RescaleRun run, JobId job, String savepoint) throws InterruptedException {
        RescalePlan plan = run.plan();
        Instant began = run.now();
        run.journal().stepBegan(run.id(), Step.RUNNING, "job " + job);
        JobWatch.Running running = run.watch()
                .awaitRunning(
                        job,
                        plan.vertices().target(),
                        plan.limits().runningTimeout(),
                        plan.limits().pollInterval(),
                        d -> {});
        if (running instanceof JobWatch.Running.Unobservable unobservable) {
            return run.unresolved(
                    OperationState.VERIFYING, unobservable.reason(), Optional.of(job), Optional.of(savepoint));
        }
        if (running instanceof JobWatch.Running.NotReached notReached) {
            run.journal().stepFailed(run.id(), Step.RUNNING, notReached.reason());
            return rollback(
                    run,
                    savepoint,
                    "the rescaled job " + job + " did not run: " + notReached.reason(),
                    Optional.of(job));
        }
        JobWatch.Running.Reached reached = (JobWatch.Running.Reached) running;
        runningEnded(run, job, began, reached);
        run.journal()
                .stepBegan(run.id(), Step.VERIFY, plan.limits().verifyWindow().toSeconds() + " s");
        JobWatch.Verdict verdict = run.watch()
                .verify(
                        job,
                        plan.vertices().target(),
                        plan.limits().verifyWindow(),
                        plan.limits().pollInterval(),
                        reached.details());
        if (verdict instanceof JobWatch.Verdict.Unobservable unobservable) {
            return run.unresolved(
                    OperationState.VERIFYING, unobservable.reason(), Optional.of(job), Optional.of(savepoint));
        }
        if (verdict instanceof JobWatch.Verdict.Restarted restarted) {
            run.journal().stepFailed(run.id(), Step.VERIFY, restarted.reason());
            return rollback(
                    run,
                    savepoint,
                    "the rescaled job " + job + " failed verification: " + restarted.reason(),
                    Optional.of(job));
        }
        run.journal().stepEnded(run.id(), Step.VERIFY, "stable");
        return run.succeeded(job, plan.vertices().target(), Optional.of(savepoint));
    }

    /** Back to the previous parallelism from the same savepoint; the rescaled job, if any, is cancelled first. */
    private RescaleOutcome rollback(RescaleRun run, String savepoint, String reason, Optional<JobId> failedJob)
            throws InterruptedException {
        RescalePlan plan = run.plan();
        LOG.warn(
                "rescale operation={} job={} rolling back: {}",
                run.id(),
                plan.job().id(),
                reason);
        run.journal().state(run.id(), OperationState.ROLLING_BACK, reason);
        run.journal().stepBegan(run.id(), Step.ROLLBACK, reason);
        if (failedJob.isPresent()) {
            run.journal().stepBegan(run.id(), Step.CANCEL, "job " + failedJob.get());
            try {
                run.client().cancel(failedJob.get());
            } catch (FlinkRestException e) {
                LOG.warn(
                        "rescale operation={} cancelling job {} failed: {}", run.id(), failedJob.get(), e.getMessage());
            }
            Optional<JobStatus> ended = run.watch()
                    .awaitTerminal(
                            failedJob.get(),
                            plan.limits().runningTimeout(),
                            plan.limits().pollInterval());
            if (ended.isEmpty()) {
                run.journal().stepFailed(run.id(), Step.CANCEL, "did not end");
                return run.unresolved(
                        OperationState.ROLLING_BACK,
                        reason + "; the rescaled job " + failedJob.get()
                                + " could not be cancelled, so the previous parallelism was not resubmitted (never two copies)",
                        failedJob,
                        Optional.of(savepoint));
            }
            run.journal().stepEnded(run.id(), Step.CANCEL, ended.get().name());
        }
        Resubmission.Result submission = new Resubmission(run)
                .submit(
                        savepoint,
                        plan.vertices().previous(),
                        OperationState.ROLLING_BACK,
                        OperationState.ROLLBACK_VERIFYING,
                        "rollback",
                        failedJob.map(Set::of).orElse(Set.of()));
        if (submission instanceof Resubmission.Result.NotSubmitted notSubmitted) {
            run.journal().stepFailed(run.id(), Step.ROLLBACK, notSubmitted.reason());
            String why = reason + "; resubmitting at the previous parallelism failed too: " + notSubmitted.reason();
            LOG.error(
                    "rescale operation={} JOB LEFT STOPPED: job {} ({}) is stopped; its savepoint is {}; {}",
                    run.id(),
                    plan.job().name(),
                    plan.job().id(),
                    savepoint,
                    why);
            return run.leftStopped(why, savepoint);
        }
        return awaitRolledBack(run, ((Resubmission.Result.Submitted) submission).job(), savepoint, reason);
    }

    private RescaleOutcome awaitRolledBack(RescaleRun run, JobId job, String savepoint, String reason)
            throws InterruptedException {
        RescalePlan plan = run.plan();
        Instant began = run.now();
        run.journal().stepBegan(run.id(), Step.RUNNING, "job " + job + " at the previous parallelism");
        JobWatch.Running running = run.watch()
                .awaitRunning(
                        job,
                        plan.vertices().previous(),
                        plan.limits().runningTimeout(),
                        plan.limits().pollInterval(),
                        d -> {});
        if (running instanceof JobWatch.Running.Reached reached) {
            runningEnded(run, job, began, reached);
            run.journal().stepEnded(run.id(), Step.ROLLBACK, "job " + job);
            return run.rolledBack(reason, job, Optional.of(savepoint));
        }
        if (running instanceof JobWatch.Running.Unobservable unobservable) {
            return run.unresolved(
                    OperationState.ROLLBACK_VERIFYING,
                    reason + "; " + unobservable.reason(),
                    Optional.of(job),
                    Optional.of(savepoint));
        }
        String notRunning = ((JobWatch.Running.NotReached) running).reason();
        run.journal().stepFailed(run.id(), Step.RUNNING, notRunning);
        run.journal().stepFailed(run.id(), Step.ROLLBACK, notRunning);
        return run.failed(
                reason + "; the job resubmitted at its previous parallelism (" + job + ") does not run either: "
                        + notRunning + "; savepoint " + savepoint,
                Optional.of(job),
                Optional.of(savepoint));
    }

    /**
     * Journals the end of the RUNNING step at the moment Flink had every subtask running, not when the advisor
     * saw it (Flink caches job details for {@code web.refresh-interval}): that is the end of the downtime.
     */
    private static void runningEnded(RescaleRun run, JobId job, Instant began, JobWatch.Running.Reached reached) {
        Instant running = run.watch()
                .allRunningSince(reached.details(), reached.at())
                .filter(t -> !t.isBefore(began))
                .orElse(reached.at());
        run.journal()
                .step(
                        run.id(),
                        Step.RUNNING,
                        JournalEntry.Phase.END,
                        running,
                        "job " + job + " had every subtask RUNNING; the advisor saw it "
                                + java.time.Duration.between(running, reached.at())
                                        .toMillis() + " ms later");
    }

    /**
     * While the advisor was away, did someone bring the job back? A job of the same name that is neither the old
     * one nor one the advisor submitted, and that has not ended, means a person took over.
     */
    private Optional<RescaleOutcome> elsewhere(RescaleRun run, JournalEntry entry) {
        Set<JobId> ours = new java.util.HashSet<>();
        ours.add(run.plan().job().id());
        entry.plannedJobId().ifPresent(ours::add);
        entry.currentJobId().ifPresent(ours::add);
        try {
            for (JobSummary job : run.client().jobs()) {
                if (job.name().equals(run.plan().job().name())
                        && !ours.contains(job.id())
                        && !job.state().isGloballyTerminal()
                        && job.startTime().isAfter(entry.startedAt())) {
                    return Optional.of(
                            run.resolvedElsewhere("job " + run.plan().job().name() + " already runs again as "
                                    + job.id() + " (started by someone else); savepoint "
                                    + entry.savepointPath().orElse("unknown")));
                }
            }
        } catch (FlinkRestException e) {
            LOG.warn("rescale operation={} could not list jobs: {}", run.id(), e.getMessage());
        }
        return Optional.empty();
    }

    private static IllegalStateException missingSavepoint(JournalEntry entry) {
        return new IllegalStateException(
                "operation " + entry.id() + " is " + entry.state() + " but has no savepoint path");
    }
}

package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.rescale.request.RequestContext;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a rescale operation, first run or recovery: its plan, the cluster's client, the journal
 * and the listener. Every way it ends writes the journal first and then builds the outcome, with the step
 * timings the journal recorded, so the two never disagree.
 */
final class RescaleRun {

    private static final Logger LOG = LoggerFactory.getLogger(RescaleRun.class);

    private RescalePlan plan;
    private final FlinkRestClient client;
    private final RescaleJournal journal;
    private final Waiting waiting;
    private final JobWatch watch;
    private final RescaleListener listener;
    private final Optional<RequestContext> context;
    /** The telling of the run's first event, when it goes on beside the run ({@link #announce}); done otherwise. */
    private CompletableFuture<Void> announced = CompletableFuture.completedFuture(null);

    /** @param context the request's, handed back on every event; none for an operation recovered from the journal */
    RescaleRun(
            RescalePlan plan,
            FlinkRestClient client,
            RescaleJournal journal,
            Waiting waiting,
            RescaleListener listener,
            Optional<RequestContext> context) {
        this.plan = plan;
        this.client = client;
        this.journal = journal;
        this.waiting = waiting;
        this.watch = new JobWatch(client, waiting);
        this.listener = listener;
        this.context = context;
    }

    RescalePlan plan() {
        return plan;
    }

    OperationId id() {
        return plan.id();
    }

    FlinkRestClient client() {
        return client;
    }

    RescaleJournal journal() {
        return journal;
    }

    Waiting waiting() {
        return waiting;
    }

    JobWatch watch() {
        return watch;
    }

    Instant now() {
        return waiting.now();
    }

    RescaleSubject subject() {
        return RescaleSubject.of(plan, context);
    }

    /** The journal's current view of this operation. */
    JournalEntry entry() {
        return journal.entry(plan.id())
                .orElseThrow(() -> new IllegalStateException("operation " + plan.id() + " vanished from the journal"));
    }

    void updatePlan(RescalePlan updated) {
        journal.planUpdated(updated);
        plan = updated;
    }

    void publish(RescaleEvent event) {
        awaitAnnounced();
        tell(event);
    }

    /**
     * Tells the run's first event on {@code threads} while the run goes on: recording and notifying it (a history row,
     * a message) is no reason to keep Flink waiting. Every later event, and the outcome, waits for it
     * ({@link #awaitAnnounced}), so a listener still sees the run's events one at a time and in order.
     */
    void announce(RescaleEvent event, Executor threads) {
        try {
            announced = CompletableFuture.runAsync(() -> tell(event), threads);
        } catch (RejectedExecutionException e) {
            // Shutting down: told here, as any other event.
            tell(event);
        }
    }

    /** Returns once the first event is told (see {@link #announce}). */
    void awaitAnnounced() {
        announced.join();
    }

    private void tell(RescaleEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.error("rescale listener failed on {} of operation {}; the rescale goes on", event.kind(), plan.id(), e);
        }
    }

    StepTimings timings() {
        return entry().timings();
    }

    RescaleOutcome.Succeeded succeeded(JobId job, Map<VertexId, Integer> parallelism, Optional<String> savepoint) {
        journal.finish(
                plan.id(),
                OperationState.SUCCEEDED,
                "succeeded",
                "job " + job + " runs at " + plan.vertices().changed());
        return new RescaleOutcome.Succeeded(subject(), now(), job, parallelism, savepoint, timings());
    }

    /** Nothing changed on the cluster; the job runs as before. */
    RescaleOutcome.Aborted aborted(String reason) {
        journal.finish(plan.id(), OperationState.ABORTED, "aborted", reason);
        return new RescaleOutcome.Aborted(subject(), now(), reason, timings());
    }

    RescaleOutcome.RolledBack rolledBack(String reason, JobId job, Optional<String> savepoint) {
        journal.finish(plan.id(), OperationState.ROLLED_BACK, "rolled-back", reason);
        return new RescaleOutcome.RolledBack(subject(), now(), reason, job, savepoint, timings());
    }

    /** Failed for good: the journal closes the operation; a person has to look. */
    RescaleOutcome.Failed failed(String reason, Optional<JobId> job, Optional<String> savepoint) {
        journal.finish(plan.id(), OperationState.FAILED, "failed", reason);
        return new RescaleOutcome.Failed(subject(), now(), reason, job, savepoint, false, timings());
    }

    /** Failed for now: the operation stays open in {@code state} and recovery finishes it. */
    RescaleOutcome.Failed unresolved(
            OperationState state, String reason, Optional<JobId> job, Optional<String> savepoint) {
        journal.state(plan.id(), state, reason);
        return new RescaleOutcome.Failed(subject(), now(), reason, job, savepoint, true, timings());
    }

    /** The job is stopped and could not be resubmitted: open in the journal as LEFT_STOPPED with its savepoint. */
    RescaleOutcome.JobLeftStopped leftStopped(String reason, String savepoint) {
        journal.state(plan.id(), OperationState.LEFT_STOPPED, reason + "; savepoint " + savepoint);
        return new RescaleOutcome.JobLeftStopped(subject(), now(), reason, savepoint, timings());
    }

    /** Someone else brought the job back while the advisor was away; nothing left to do. */
    RescaleOutcome.Aborted resolvedElsewhere(String reason) {
        journal.finish(plan.id(), OperationState.RESOLVED_ELSEWHERE, "resolved-elsewhere", reason);
        return new RescaleOutcome.Aborted(subject(), now(), reason, timings());
    }
}

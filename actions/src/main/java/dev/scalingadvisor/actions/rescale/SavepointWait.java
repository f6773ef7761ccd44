package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.CheckpointStats;
import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.FlinkRestException;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.flink.SavepointStatus;
import dev.scalingadvisor.actions.flink.TriggerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a stop-with-savepoint to end and says how it ended, erring on the side of "not known yet" rather
 * than "nothing happened": a stop whose answer was lost, whose status Flink no longer has, or that outlasted
 * the timeout is decided by the job's state, and a stopped job's savepoint is looked up in its checkpoint
 * statistics when the operation's status is gone.
 */
final class SavepointWait {

    private static final Logger LOG = LoggerFactory.getLogger(SavepointWait.class);

    /** How long an unknown trigger id is given to appear: a stop request that timed out may still be on its way. */
    private static final int UNKNOWN_TRIGGER_GRACE_POLLS = 5;
    /**
     * How long the final look at the job may wait for Flink to answer: longer than the circuit breaker stays
     * open, so a breaker opened by failing status calls lets the look through once it half-opens.
     */
    static final Duration FINAL_LOOK = Duration.ofSeconds(60);

    private final RescaleRun run;

    SavepointWait(RescaleRun run) {
        this.run = run;
    }

    /**
     * @param stopError     how the stop request failed, if it did (its status is still checked: the request may have arrived)
     * @param stopRequested when the stop was requested, to recognise its savepoint in the statistics
     */
    Ending await(TriggerId trigger, Optional<FlinkRestException> stopError, Instant stopRequested)
            throws InterruptedException {
        RescalePlan plan = run.plan();
        FlinkRestClient client = run.client();
        Duration interval = plan.limits().pollInterval();
        Instant deadline = run.now().plus(plan.limits().savepointTimeout());
        int[] unknownPolls = {0};
        Waiting.Result<Ending> result = run.waiting().until(deadline, interval, () -> {
            try {
                SavepointStatus status = client.savepointStatus(plan.job().id(), trigger);
                if (status instanceof SavepointStatus.Completed completed) {
                    return Optional.of(new Ending.Taken(completed.location()));
                }
                if (status instanceof SavepointStatus.Failed failed) {
                    return Optional.of(new Ending.Refused("stop-with-savepoint failed: " + failed.cause()));
                }
                return Optional.empty();
            } catch (FlinkRestException.ErrorResponse e) {
                if (!e.isNotFound()) {
                    throw e;
                }
                // Flink does not know the trigger. A refused stop never registered it; a stop still on its way
                // may register it any moment; a finished one may have expired from Flink's cache.
                boolean refused = stopError.filter(s -> !s.isTransient()).isPresent();
                if (refused || ++unknownPolls[0] >= UNKNOWN_TRIGGER_GRACE_POLLS) {
                    return Optional.of(new Ending.Unknown("unknown trigger"));
                }
                return Optional.empty();
            }
        });
        if (result instanceof Waiting.Result.Done<Ending> done) {
            if (done.value() instanceof Ending.Unknown) {
                return finalLook(
                        stopRequested,
                        false,
                        stopError
                                .map(s -> "Flink refused stop-with-savepoint: " + s.getMessage())
                                .orElse("Flink does not know the stop-with-savepoint operation " + trigger));
            }
            return done.value();
        }
        String why = "the savepoint did not complete within "
                + plan.limits().savepointTimeout().toSeconds() + " s"
                + ((Waiting.Result.TimedOut<Ending>) result)
                        .lastError()
                        .map(e -> " (last status call failed: " + e.getMessage() + ")")
                        .orElse("");
        LOG.warn(
                "rescale operation={} job={}: {}; deciding by the job's state (a stopped job's savepoint is in its"
                        + " checkpoint statistics)",
                run.id(),
                plan.job().id(),
                why);
        return finalLook(stopRequested, true, why);
    }

    /** {@link #byJobState}, waiting up to {@link #FINAL_LOOK} for Flink to answer (an open circuit breaker to half-open). */
    Ending finalLook(Instant stopRequested, boolean mayStillComplete, String why) throws InterruptedException {
        Waiting.Result<Ending> look = run.waiting()
                .until(run.now().plus(FINAL_LOOK), run.plan().limits().pollInterval(), () -> {
                    try {
                        return byJobState(stopRequested, mayStillComplete, why);
                    } catch (FlinkRestException e) {
                        if (e.isTransient()) {
                            throw e;
                        }
                        return Optional.of(
                                new Ending.Unknown(why + "; the job's state could not be read: " + e.getMessage()));
                    }
                });
        if (look instanceof Waiting.Result.Done<Ending> done) {
            return done.value();
        }
        return new Ending.Unknown(why
                + ((Waiting.Result.TimedOut<Ending>) look)
                        .lastError()
                        .map(e -> "; the job's state could not be read: " + e.getMessage())
                        .orElse("; job " + run.plan().job().id()
                                + " has ended but Flink's checkpoint statistics show no savepoint of this stop"));
    }

    /**
     * Decides an unclear stop by the job: a stopped job's savepoint is looked up; a running job means the stop
     * did nothing, or, when {@code mayStillComplete} (it timed out while in progress), that it may still stop.
     */
    /**
     * Empty while the job has ended but its statistics do not show the savepoint yet: Flink caches them for
     * {@code web.refresh-interval}, so the final look asks again.
     */
    private Optional<Ending> byJobState(Instant stopRequested, boolean mayStillComplete, String why) {
        RescalePlan plan = run.plan();
        Optional<JobStatus> job = run.client().jobStatus(plan.job().id());
        if (job.isEmpty()) {
            return Optional.of(new Ending.Unknown(why + "; the cluster no longer knows job "
                    + plan.job().id() + ", so its savepoint cannot be looked up"));
        }
        if (!job.get().isGloballyTerminal()) {
            String reason = why + "; job " + plan.job().id() + " is " + job.get();
            return Optional.of(mayStillComplete ? new Ending.StillRunning(reason) : new Ending.Refused(reason));
        }
        Optional<String> savepoint = run.client()
                .checkpoints(plan.job().id())
                .flatMap(CheckpointStats::latestSavepoint)
                // The statistics' clock is the JobManager's; a second of slack for the comparison with ours.
                .filter(s -> !s.triggeredAt().isBefore(stopRequested.minusSeconds(1)))
                .flatMap(CheckpointStats.Completed::externalPath);
        return savepoint.map(Ending.Taken::new);
    }

    /** How a stop-with-savepoint ended. */
    sealed interface Ending {
        /** The savepoint completed at {@code location}; the job stops. */
        record Taken(String location) implements Ending {}

        /** Flink refused or failed the stop; the job keeps running. */
        record Refused(String reason) implements Ending {}

        /** The stop timed out while in progress and the job still runs: it may still stop, so recovery must look again. */
        record StillRunning(String reason) implements Ending {}

        /** The job may have stopped but its savepoint is not known: recovery must look again. */
        record Unknown(String reason) implements Ending {}
    }
}

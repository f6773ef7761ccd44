package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.FlinkRestException;
import dev.scalingadvisor.actions.flink.JarRun;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.flink.JobSummary;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits the job's jar from a savepoint, with retries and without ever running two copies. Each attempt asks
 * for a job id that is journaled before the request; before an attempt (and when Flink calls a submission a
 * duplicate) the advisor looks for that id on the cluster and adopts the job it finds, so an answer lost to a
 * timeout or a crash never leads to a second submission of the same job. The retries are not a resilience4j
 * decorator because each one needs this look-up and a journal row of its own, and waits on the injected clock.
 */
final class Resubmission {

    private static final Logger LOG = LoggerFactory.getLogger(Resubmission.class);

    private final RescaleRun run;

    Resubmission(RescaleRun run) {
        this.run = run;
    }

    /**
     * Submits at {@code parallelism} (every vertex) from {@code savepoint}; journals the planned id in
     * {@code state} and the answered one in {@code answeredState}. Jobs in {@code notThis} (a rescaled job
     * being rolled back) are never adopted, even when the journal planned their id.
     */
    Result submit(
            String savepoint,
            Map<VertexId, Integer> parallelism,
            OperationState state,
            OperationState answeredState,
            String purpose,
            Set<JobId> notThis)
            throws InterruptedException {
        RescalePlan.Limits limits = run.plan().limits();
        FlinkRestClient client = run.client();
        String lastError = "no attempt made";
        for (int attempt = 1; attempt <= limits.submitAttempts(); attempt++) {
            Optional<JobId> recorded = run.entry()
                    .plannedJobId()
                    .filter(id -> !id.equals(run.plan().job().id()) && !notThis.contains(id));
            JobId planned = recorded.orElseGet(Resubmission::newJobId);
            if (recorded.isPresent()) {
                Lookup lookup = lookUp(client, planned);
                if (lookup == Lookup.ALIVE) {
                    LOG.info(
                            "rescale operation={} found job {} it had submitted before; adopting it",
                            run.id(),
                            planned);
                    run.journal().submitted(run.id(), answeredState, planned);
                    return new Result.Submitted(planned);
                }
                if (lookup == Lookup.ENDED) {
                    planned = newJobId();
                }
            }
            Optional<String> anotherCopy;
            try {
                anotherCopy = anotherCopy(client, planned);
            } catch (FlinkRestException e) {
                // Not knowing is not "none": this attempt is not made, the next one looks again.
                lastError = "could not check that no other copy of the job runs: " + e.getMessage();
                run.journal().stepFailed(run.id(), Step.SUBMIT, lastError);
                if (attempt < limits.submitAttempts()) {
                    run.waiting().sleep(backoff(limits.submitBackoff(), attempt));
                }
                continue;
            }
            if (anotherCopy.isPresent()) {
                run.journal().stepFailed(run.id(), Step.SUBMIT, anotherCopy.get());
                LOG.warn("rescale operation={} {}: {}", run.id(), purpose, anotherCopy.get());
                return new Result.NotSubmitted(anotherCopy.get());
            }
            run.journal()
                    .submitPlanned(
                            run.id(),
                            state,
                            planned,
                            purpose + ", attempt " + attempt + " of " + limits.submitAttempts() + ", parallelism "
                                    + parallelism.values() + ", savepoint " + savepoint);
            try {
                JobId answered = client.runJar(jarRun(planned, savepoint, parallelism), limits.submitTimeout());
                run.journal().submitted(run.id(), answeredState, answered);
                return new Result.Submitted(answered);
            } catch (FlinkRestException e) {
                lastError = e.getMessage();
                run.journal().stepFailed(run.id(), Step.SUBMIT, lastError);
                if (e instanceof FlinkRestException.ErrorResponse refused
                        && refused.mentions("DuplicateJobSubmissionException")
                        && lookUp(client, planned) == Lookup.ALIVE) {
                    // Our earlier attempt reached Flink after all (its answer was lost): that job is ours.
                    run.journal().submitted(run.id(), answeredState, planned);
                    return new Result.Submitted(planned);
                }
                LOG.warn(
                        "rescale operation={} {} attempt {} of {} failed: {}",
                        run.id(),
                        purpose,
                        attempt,
                        limits.submitAttempts(),
                        lastError);
            }
            if (attempt < limits.submitAttempts()) {
                run.waiting().sleep(backoff(limits.submitBackoff(), attempt));
            }
        }
        return new Result.NotSubmitted(lastError);
    }

    private JarRun jarRun(JobId planned, String savepoint, Map<VertexId, Integer> parallelism) {
        JarSubmission jar =
                run.plan().jar().orElseThrow(() -> new IllegalStateException("savepoint-redeploy without a jar"));
        String jarId = jar.jarId()
                .orElseThrow(() -> new IllegalStateException("the jar was not uploaded before the submission"));
        // Every vertex is pinned, so the job-wide default parallelism does not matter and is left out.
        return new JarRun(
                jarId,
                jar.entryClass(),
                jar.args(),
                OptionalInt.empty(),
                Optional.of(planned),
                Optional.of(savepoint),
                jar.allowNonRestoredState(),
                parallelism);
    }

    /** {@code backoff}, doubled for each attempt after the first. */
    static Duration backoff(Duration first, int failedAttempts) {
        return first.multipliedBy(1L << Math.min(failedAttempts - 1, 10));
    }

    private static JobId newJobId() {
        return new JobId(UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * Another copy of the job running now (same name, not the id about to be submitted), e.g. one a person started
     * while the job was stopped: submitting would run the job twice. Checked before every submission, not only on
     * recovery. The job list may be cached by the JobManager, so a candidate counts only if the uncached status
     * endpoint says it is alive.
     */
    private Optional<String> anotherCopy(FlinkRestClient client, JobId planned) {
        String name = run.plan().job().name();
        for (JobSummary job : client.jobs()) {
            if (!job.name().equals(name)
                    || job.id().equals(planned)
                    || job.state().isGloballyTerminal()) {
                continue;
            }
            Lookup now = lookUp(client, job.id());
            // UNKNOWN counts as alive: a copy that cannot be ruled out must not be doubled
            if (now == Lookup.ALIVE || now == Lookup.UNKNOWN) {
                return Optional.of("job " + name + " already runs as " + job.id()
                        + " (not started by this rescale); not submitting a second copy");
            }
        }
        return Optional.empty();
    }

    /** Asks the uncached status endpoint: cached job details may still show a just-cancelled job running. */
    private static Lookup lookUp(FlinkRestClient client, JobId planned) {
        try {
            Optional<JobStatus> state = client.jobStatus(planned);
            if (state.isEmpty()) {
                return Lookup.ABSENT;
            }
            return state.get().isGloballyTerminal() ? Lookup.ENDED : Lookup.ALIVE;
        } catch (FlinkRestException e) {
            // Unknown: submitting with the same id is still safe, Flink refuses a duplicate.
            return Lookup.UNKNOWN;
        }
    }

    /** What the cluster says about a planned job id. */
    private enum Lookup {
        ABSENT,
        ALIVE,
        ENDED,
        UNKNOWN
    }

    /** The end of a submission. */
    sealed interface Result {
        /** Flink runs (or adopted) {@code job}. */
        record Submitted(JobId job) implements Result {}

        /** Every attempt failed; {@code reason} is the last one's, in Flink's words. */
        record NotSubmitted(String reason) implements Result {}
    }
}

package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.RestCall;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.outcome.Severity;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a rescale ended, one type per case so that every caller handles each: the job runs at the new
 * parallelism, was never touched, runs as before, runs at the old parallelism again, is in a state that
 * needs a person, or is stopped with a savepoint. What every outcome has in common (why, timings, savepoint,
 * what it means for the job now) is asked of the interface; {@link #kind()} says which one it is.
 */
public sealed interface RescaleOutcome extends RescaleEvent {

    /** Why it ended this way, in words; empty when it simply succeeded or was a dry run. */
    String detail();

    /** The steps it took, with timings; none when nothing was done. */
    default StepTimings timings() {
        return StepTimings.none();
    }

    /** The savepoint the rescale took, where it took one. */
    default Optional<String> savepoint() {
        return Optional.empty();
    }

    /**
     * Where the job stands now and what happens next: the one wording of that fact for logs, the decision
     * history and notifications.
     */
    String consequence();

    /** How urgently people should look: its kind's, unless the case says otherwise. */
    default Severity severity() {
        return kind().severity();
    }

    /** The job runs at the target parallelism and did not restart during the verify window. */
    record Succeeded(
            RescaleSubject subject,
            Instant at,
            JobId job,
            Map<VertexId, Integer> parallelism,
            Optional<String> savepoint,
            StepTimings timings)
            implements RescaleOutcome {
        public Succeeded {
            requireCommon(subject, at);
            Objects.requireNonNull(job, "job");
            parallelism = Map.copyOf(parallelism);
            Objects.requireNonNull(savepoint, "savepoint");
            Objects.requireNonNull(timings, "timings");
        }

        @Override
        public RescaleEventKind kind() {
            return RescaleEventKind.SUCCEEDED;
        }

        @Override
        public String detail() {
            return "";
        }

        @Override
        public String consequence() {
            return "job " + job + " runs at the new parallelism";
        }
    }

    /** A guard refused; nothing was done. */
    record Blocked(RescaleSubject subject, Instant at, PreflightGuard guard, String reason) implements RescaleOutcome {
        public Blocked {
            requireCommon(subject, at);
            Objects.requireNonNull(guard, "guard");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public RescaleEventKind kind() {
            return RescaleEventKind.BLOCKED;
        }

        @Override
        public String detail() {
            return reason;
        }

        @Override
        public String consequence() {
            return "nothing was done; the job runs as before";
        }
    }

    /** The rescale could not start (stop-with-savepoint failed, requirements refused …); the job runs as before. */
    record Aborted(RescaleSubject subject, Instant at, String reason, StepTimings timings) implements RescaleOutcome {
        public Aborted {
            requireCommon(subject, at);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(timings, "timings");
        }

        @Override
        public RescaleEventKind kind() {
            return RescaleEventKind.ABORTED;
        }

        @Override
        public String detail() {
            return reason;
        }

        @Override
        public String consequence() {
            return "nothing changed; the job runs as before";
        }
    }

    /** The rescaled job did not run or restarted; the job runs at its previous parallelism again ({@code job}). */
    record RolledBack(
            RescaleSubject subject,
            Instant at,
            String reason,
            JobId job,
            Optional<String> savepoint,
            StepTimings timings)
            implements RescaleOutcome {
        public RolledBack {
            requireCommon(subject, at);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(savepoint, "savepoint");
            Objects.requireNonNull(timings, "timings");
        }

        @Override
        public RescaleEventKind kind() {
            return RescaleEventKind.ROLLED_BACK;
        }

        @Override
        public String detail() {
            return reason;
        }

        @Override
        public String consequence() {
            return "rolled back to the previous parallelism"
                    + savepoint.map(s -> " from savepoint " + s).orElse("") + "; job " + job + " runs as before";
        }
    }

    /**
     * The rescale failed and the job is not known to be fine. When {@code resumable}, the operation stays open
     * in the journal and the daemon takes it up again ({@link RescaleExecutor#resume}) until it ends (e.g. the savepoint was still in
     * progress, or Flink could not be reached to verify).
     */
    record Failed(
            RescaleSubject subject,
            Instant at,
            String reason,
            Optional<JobId> job,
            Optional<String> savepoint,
            boolean resumable,
            StepTimings timings)
            implements RescaleOutcome {
        public Failed {
            requireCommon(subject, at);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(savepoint, "savepoint");
            Objects.requireNonNull(timings, "timings");
        }

        @Override
        public RescaleEventKind kind() {
            return RescaleEventKind.FAILED;
        }

        @Override
        public String detail() {
            return reason;
        }

        /** A failure the advisor finishes itself asks for attention; one it cannot is critical. */
        @Override
        public Severity severity() {
            return resumable ? Severity.WARNING : Severity.CRITICAL;
        }

        @Override
        public String consequence() {
            String where = savepoint.map(s -> "savepoint " + s + "; ").orElse("");
            return resumable
                    ? where + "the operation stays open in the journal and the advisor keeps taking it up again"
                            + " (after 10 s, then doubling to every 5 minutes) until it ends; no other rescale runs on"
                            + " this cluster meanwhile"
                    : where + "the job's state is unknown: a person must look at it";
        }
    }

    /**
     * The job was stopped with a savepoint and could not be resubmitted, neither rescaled nor at its previous
     * parallelism. It stays stopped until the daemon's retries ({@link RescaleExecutor#resume}) or a person submit it from
     * {@code savepoint}.
     */
    record JobLeftStopped(RescaleSubject subject, Instant at, String reason, String location, StepTimings timings)
            implements RescaleOutcome {
        public JobLeftStopped {
            requireCommon(subject, at);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(timings, "timings");
        }

        @Override
        public RescaleEventKind kind() {
            return RescaleEventKind.LEFT_STOPPED;
        }

        @Override
        public String detail() {
            return reason;
        }

        @Override
        public Optional<String> savepoint() {
            return Optional.of(location);
        }

        @Override
        public String consequence() {
            return "THE JOB IS STOPPED; its state is in savepoint " + location
                    + "; the advisor keeps resubmitting it at its previous parallelism (after 10 s, then doubling to"
                    + " every 5 minutes) until it runs, or submit the job's jar with savepointPath " + location
                    + " yourself (the advisor then sees it run and closes the operation)";
        }
    }

    /** {@code dryRun}: the guards passed; these are the calls a real run would make, in order. Nothing was done. */
    record DryRun(RescaleSubject subject, Instant at, ParallelismChanges changes, List<RestCall> calls)
            implements RescaleOutcome {
        public DryRun {
            requireCommon(subject, at);
            Objects.requireNonNull(changes, "changes");
            calls = List.copyOf(calls);
        }

        @Override
        public RescaleEventKind kind() {
            return RescaleEventKind.DRY_RUN;
        }

        @Override
        public String detail() {
            return "";
        }

        @Override
        public String consequence() {
            return "dry run: " + calls.size() + (calls.size() == 1 ? " REST call" : " REST calls")
                    + " logged, none made";
        }
    }

    private static void requireCommon(RescaleSubject subject, Instant at) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
    }
}

package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.RestCall;
import dev.scalingadvisor.actions.rescale.request.ParallelismChange;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a rescale ended, one type per case so that every caller handles each: the job runs at the new
 * parallelism, was never touched, runs as before, runs at the old parallelism again, is in a state that
 * needs a person, or is stopped with a savepoint.
 */
public sealed interface RescaleOutcome extends RescaleEvent {

    /** The metric label and log word: {@code succeeded}, {@code blocked}, … */
    String label();

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
        public String kind() {
            return "rescale-succeeded";
        }

        @Override
        public String label() {
            return "succeeded";
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
        public String kind() {
            return "rescale-blocked";
        }

        @Override
        public String label() {
            return "blocked";
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
        public String kind() {
            return "aborted";
        }

        @Override
        public String label() {
            return "aborted";
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
        public String kind() {
            return "rolled-back";
        }

        @Override
        public String label() {
            return "rolled_back";
        }
    }

    /**
     * The rescale failed and the job is not known to be fine. When {@code resumable}, the operation stays open
     * in the journal and {@link RescaleExecutor#recover()} finishes it (e.g. the savepoint was still in
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
        public String kind() {
            return "rescale-failed";
        }

        @Override
        public String label() {
            return "failed";
        }
    }

    /**
     * The job was stopped with a savepoint and could not be resubmitted, neither rescaled nor at its previous
     * parallelism. It stays stopped until someone (or {@link RescaleExecutor#recover()}) submits it from {@code savepoint}.
     */
    record JobLeftStopped(RescaleSubject subject, Instant at, String reason, String savepoint, StepTimings timings)
            implements RescaleOutcome {
        public JobLeftStopped {
            requireCommon(subject, at);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(savepoint, "savepoint");
            Objects.requireNonNull(timings, "timings");
        }

        @Override
        public String kind() {
            return "job-left-stopped-with-savepoint";
        }

        @Override
        public String label() {
            return "left_stopped";
        }
    }

    /** {@code dryRun}: the guards passed; these are the calls a real run would make, in order. Nothing was done. */
    record DryRun(RescaleSubject subject, Instant at, Map<VertexId, ParallelismChange> vertices, List<RestCall> calls)
            implements RescaleOutcome {
        public DryRun {
            requireCommon(subject, at);
            vertices = Map.copyOf(vertices);
            calls = List.copyOf(calls);
        }

        @Override
        public String kind() {
            return "dry-run";
        }

        @Override
        public String label() {
            return "dry_run";
        }
    }

    private static void requireCommon(RescaleSubject subject, Instant at) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
    }
}

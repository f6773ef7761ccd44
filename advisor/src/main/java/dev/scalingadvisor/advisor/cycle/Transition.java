package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cycle changed in what the advisor tells: the output of {@link TellOnce}, which a {@link Handler}
 * delivers as each job's mode says. A new kind of transition is a new record here and a compile error in
 * every handler until it handles it.
 */
public sealed interface Transition {

    void deliver(Handler handler);

    /** What it is about, for a log line when its delivery fails: {@code decision of job orders}. */
    String about();

    /** Delivers each kind of transition. */
    public interface Handler {
        void decided(Decided decided);

        void resolved(Resolved resolved);

        void findingHolds(FindingHolds finding);

        void findingCleared(FindingCleared finding);

        void withoutCluster(WithoutCluster job);

        void problemRaised(ProblemRaised problem);

        void problemResolved(ProblemResolved problem);
    }

    /**
     * A decision holds this cycle. {@code fresh} when it is new or changes other vertices than the one told
     * before: logged, counted and recorded once. Recommended (noise control repeats it) and acted on every
     * cycle while it holds.
     */
    record Decided(JobEvaluation evaluation, Optional<ClusterName> cluster, Mode mode, boolean fresh)
            implements Transition {
        public Decided {
            Objects.requireNonNull(evaluation, "evaluation");
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public void deliver(Handler handler) {
            handler.decided(this);
        }

        @Override
        public String about() {
            return "decision of job " + evaluation.job().name();
        }
    }

    /** A decision told earlier no longer holds, and why. */
    record Resolved(JobRef job, Optional<ClusterName> cluster, Mode mode, Decision decision, Resolution resolution)
            implements Transition {
        public Resolved {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(resolution, "resolution");
        }

        @Override
        public void deliver(Handler handler) {
            handler.resolved(this);
        }

        @Override
        public String about() {
            return "resolution of job " + job.name();
        }
    }

    /** A finding holds this cycle; {@code fresh} when it did not the cycle before. */
    record FindingHolds(
            JobEvaluation evaluation, Optional<ClusterName> cluster, Mode mode, Finding finding, boolean fresh)
            implements Transition {
        public FindingHolds {
            Objects.requireNonNull(evaluation, "evaluation");
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(finding, "finding");
        }

        @Override
        public void deliver(Handler handler) {
            handler.findingHolds(this);
        }

        @Override
        public String about() {
            return "finding " + finding.kind() + " of job " + evaluation.job().name();
        }
    }

    /** A finding told earlier holds no more ({@code kind/subject}). */
    record FindingCleared(JobRef job, String finding) implements Transition {
        @Override
        public void deliver(Handler handler) {
            handler.findingCleared(this);
        }

        @Override
        public String about() {
            return "cleared finding " + finding + " of job " + job.name();
        }
    }

    /** Act mode decided for a job that no configured Flink cluster reports, so nothing can carry it out. */
    record WithoutCluster(JobRef job) implements Transition {
        @Override
        public void deliver(Handler handler) {
            handler.withoutCluster(this);
        }

        @Override
        public String about() {
            return "job " + job.name() + " without a cluster";
        }
    }

    /** A problem appeared: a Flink cluster could not be read, a rule failed. */
    record ProblemRaised(String problem) implements Transition {
        @Override
        public void deliver(Handler handler) {
            handler.problemRaised(this);
        }

        @Override
        public String about() {
            return "problem: " + problem;
        }
    }

    /** A problem raised earlier is gone. */
    record ProblemResolved(String problem) implements Transition {
        @Override
        public void deliver(Handler handler) {
            handler.problemResolved(this);
        }

        @Override
        public String about() {
            return "resolved problem: " + problem;
        }
    }

    /** Why a decision told earlier no longer holds. */
    public enum Resolution {
        /** The rules and guards no longer ask for it. */
        CLEARED("no longer holds: its conditions cleared"),
        /** A rescale of the job is under way: it is restarting at the new parallelism. */
        CARRIED_OUT("is being carried out: the job is restarting at the new parallelism"),
        /** The job is gone from Prometheus (cancelled, or redeployed under a new id by someone else). */
        JOB_GONE("no longer holds: the job is gone (cancelled, or redeployed under a new id)");

        private final String wording;

        Resolution(String wording) {
            this.wording = wording;
        }

        /** Completes "the decision …", e.g. {@code no longer holds: its conditions cleared}. */
        public String wording() {
            return wording;
        }
    }
}

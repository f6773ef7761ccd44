package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "Tell it once", as one pure step per cycle in the style of the engine's state machine: from what was told
 * before ({@link Told}) and what this cycle saw to what is told now and the {@link Transition}s between them.
 * A decision, a finding or a problem is told when it appears and when it goes away, not every cycle; which
 * of them people hear of, and how often, is the delivery's and the notifiers' noise control's business.
 *
 * <p>What is told has hysteresis, so that a job at a fixed parallelism does not flip between "scale up" and
 * "resolved" with every noisy reading (in recommend mode each flip is a message):
 *
 * <ul>
 *   <li>a told decision stays told until its condition clears: while the engine still has the job as a
 *       candidate in the same direction (a rule still fires by its {@code clear} threshold, and a guard or a
 *       cooldown holds the decision back) it is neither resolved nor told again;</li>
 *   <li>while it holds, a new target is told only when it goes further than the told one (more for a scale-up,
 *       less for a scale-down); a target that moves back within the told one keeps the told one;</li>
 *   <li>a finding is cleared only after it has not been seen for {@link #FINDING_HOLD} (a missed scrape or a
 *       rule that re-arms its {@code for} does not clear and re-tell it).</li>
 * </ul>
 */
public final class TellOnce {

    /** How long a told finding must be gone before it is told cleared. */
    public static final Duration FINDING_HOLD = Duration.ofMinutes(15);

    private TellOnce() {}

    /** One job as this cycle saw it. {@code rescaling}: a rescale of it is under way in this advisor. */
    public record JobSeen(JobEvaluation evaluation, Optional<ClusterName> cluster, Mode mode, boolean rescaling) {
        public JobSeen {
            Objects.requireNonNull(evaluation, "evaluation");
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(mode, "mode");
        }

        JobRef job() {
            return evaluation.job();
        }
    }

    /**
     * What the cycle saw.
     *
     * @param at        the cycle's instant
     * @param problems  what keeps the advisor from seeing everything, by what it concerns ({@code cluster prod},
     *                  {@code rule backpressure}): a problem whose wording changes (a reset connection, then an
     *                  open breaker) is still one problem, raised once and resolved once
     * @param rescaling jobs with a rescale under way, to tell a decision carried out from one that cleared
     *                  when its job restarts or gets a new id
     * @param unjudged  jobs whose evaluation failed this cycle: what was told of them stays as it was (their decision
     *                  is neither resolved nor told gone, their findings are not cleared)
     */
    public record Seen(
            Instant at,
            List<JobSeen> jobs,
            Map<String, String> problems,
            Set<JobOnCluster> rescaling,
            Set<JobId> unjudged) {
        public Seen {
            Objects.requireNonNull(at, "at");
            jobs = List.copyOf(jobs);
            problems = Map.copyOf(problems);
            rescaling = Set.copyOf(rescaling);
            unjudged = Set.copyOf(unjudged);
        }

        public Seen(Instant at, List<JobSeen> jobs, Map<String, String> problems, Set<JobOnCluster> rescaling) {
            this(at, jobs, problems, rescaling, Set.of());
        }
    }

    /** A decision that was told, with what is needed to tell its end after its job is gone. */
    public record OpenDecision(JobRef job, Optional<ClusterName> cluster, Mode mode, Decision decision) {}

    /**
     * What has been told and not yet seen to end.
     *
     * @param findings per job, each told finding's key and when it was last seen
     */
    public record Told(
            Map<JobId, OpenDecision> decisions,
            Map<JobId, Map<String, Instant>> findings,
            Set<JobId> withoutCluster,
            Map<String, String> problems) {

        public static final Told NOTHING = new Told(Map.of(), Map.of(), Set.of(), Map.of());

        public Told {
            decisions = Map.copyOf(decisions);
            findings = Map.copyOf(findings);
            withoutCluster = Set.copyOf(withoutCluster);
            problems = Map.copyOf(problems);
        }

        /** What was told, with the instants findings were last seen moved by {@code step}, as the wall clock stepped. */
        public Told movedBy(Duration step) {
            Map<JobId, Map<String, Instant>> moved = new HashMap<>();
            findings.forEach((job, seen) -> {
                Map<String, Instant> kept = new LinkedHashMap<>();
                seen.forEach((finding, at) -> kept.put(finding, at.plus(step)));
                moved.put(job, kept);
            });
            return new Told(decisions, moved, withoutCluster, problems);
        }
    }

    public record Step(Told told, List<Transition> transitions) {
        public Step {
            Objects.requireNonNull(told, "told");
            transitions = List.copyOf(transitions);
        }
    }

    public static Step step(Told before, Seen now) {
        List<Transition> out = new ArrayList<>();
        Map<JobId, OpenDecision> decisions = new HashMap<>();
        Map<JobId, Map<String, Instant>> findings = new HashMap<>();
        Set<JobId> withoutCluster = new HashSet<>();
        Set<JobId> seen = new HashSet<>();
        for (JobSeen job : now.jobs()) {
            JobId id = job.job().id();
            seen.add(id);
            Decision decision = job.evaluation().decision();
            boolean decided = job.evaluation().phase() == JobPhase.DECIDED && decision.direction() != Direction.NONE;
            OpenDecision open = before.decisions().get(id);
            if (decided) {
                boolean fresh = open == null || goesFurther(open.decision(), decision);
                Decision told = fresh ? decision : open.decision();
                decisions.put(id, new OpenDecision(job.job(), job.cluster(), job.mode(), told));
                out.add(new Transition.Decided(withDecision(job.evaluation(), told), job.cluster(), job.mode(), fresh));
                if (job.mode() == Mode.ACT && job.cluster().isEmpty()) {
                    withoutCluster.add(id);
                    if (!before.withoutCluster().contains(id)) {
                        out.add(new Transition.WithoutCluster(job.job()));
                    }
                }
            } else if (open != null && stillAsked(open.decision(), job)) {
                decisions.put(id, open);
            } else if (open != null) {
                Transition.Resolution why =
                        job.rescaling() ? Transition.Resolution.CARRIED_OUT : Transition.Resolution.CLEARED;
                out.add(new Transition.Resolved(job.job(), job.cluster(), job.mode(), open.decision(), why));
            }
            Map<String, Instant> held = findings(before.findings().getOrDefault(id, Map.of()), job, now.at(), out);
            if (!held.isEmpty()) {
                findings.put(id, held);
            }
        }
        for (JobId id : now.unjudged()) {
            Optional.ofNullable(before.decisions().get(id)).ifPresent(open -> decisions.put(id, open));
            Optional.ofNullable(before.findings().get(id)).ifPresent(held -> findings.put(id, held));
            seen.add(id);
        }
        for (OpenDecision open : before.decisions().values()) {
            if (!seen.contains(open.job().id())) {
                boolean rescaling = open.cluster()
                        .map(c -> now.rescaling()
                                .contains(new JobOnCluster(c, open.job().name())))
                        .orElse(false);
                out.add(new Transition.Resolved(
                        open.job(),
                        open.cluster(),
                        open.mode(),
                        open.decision(),
                        rescaling ? Transition.Resolution.CARRIED_OUT : Transition.Resolution.JOB_GONE));
            }
        }
        now.problems().forEach((about, problem) -> {
            if (!before.problems().containsKey(about)) {
                out.add(new Transition.ProblemRaised(problem));
            }
        });
        before.problems().forEach((about, problem) -> {
            if (!now.problems().containsKey(about)) {
                out.add(new Transition.ProblemResolved(problem));
            }
        });
        return new Step(new Told(decisions, findings, withoutCluster, now.problems()), out);
    }

    /** The job's findings this cycle, told when new; a finding gone for {@link #FINDING_HOLD} is told cleared. */
    private static Map<String, Instant> findings(
            Map<String, Instant> before, JobSeen job, Instant at, List<Transition> out) {
        Map<String, Instant> held = new LinkedHashMap<>();
        for (Finding finding : job.evaluation().findings()) {
            String key = key(finding);
            held.put(key, at);
            out.add(new Transition.FindingHolds(
                    job.evaluation(), job.cluster(), job.mode(), finding, !before.containsKey(key)));
        }
        before.forEach((key, lastSeen) -> {
            if (held.containsKey(key)) {
                return;
            }
            if (Duration.between(lastSeen, at).compareTo(FINDING_HOLD) < 0) {
                held.put(key, lastSeen);
            } else {
                out.add(new Transition.FindingCleared(job.job(), key));
            }
        });
        return held;
    }

    /**
     * Whether the engine still has the job as a candidate in the told decision's direction: a rule still fires
     * and only a guard or a cooldown holds the decision back. Any other phase (steady, stabilizing after a restart,
     * cooldown with nothing firing, the other direction) ends it.
     */
    private static boolean stillAsked(Decision told, JobSeen job) {
        JobPhase phase = job.evaluation().phase();
        return switch (told.direction()) {
            case UP -> phase == JobPhase.UP_CANDIDATE;
            case DOWN -> phase == JobPhase.DOWN_CANDIDATE;
            case NONE -> false;
        };
    }

    /**
     * Whether {@code now} is news against the told decision: another direction, another vertex, another starting
     * parallelism, or a target further in the same direction. A target back within the told one is not.
     */
    private static boolean goesFurther(Decision told, Decision now) {
        if (told.direction() != now.direction()) {
            return true;
        }
        Map<VertexId, ParallelismChange> before = new HashMap<>();
        told.changes().vertices().forEach(c -> before.put(c.vertex(), c));
        for (ParallelismChange change : now.changes().vertices()) {
            ParallelismChange was = before.get(change.vertex());
            if (was == null || was.from() != change.from()) {
                return true;
            }
            boolean further = now.direction() == Direction.UP ? change.to() > was.to() : change.to() < was.to();
            if (further) {
                return true;
            }
        }
        return false;
    }

    private static JobEvaluation withDecision(JobEvaluation evaluation, Decision decision) {
        if (evaluation.decision() == decision) {
            return evaluation;
        }
        return evaluation.withDecision(decision);
    }

    /** The same finding across cycles: its kind and what it concerns. */
    public static String key(Finding finding) {
        return finding.kind() + "/" + finding.subject();
    }
}

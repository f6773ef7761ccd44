package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 */
final class TellOnce {

    private TellOnce() {}

    /** One job as this cycle saw it. {@code rescaling}: a rescale of it is under way in this advisor. */
    record JobSeen(JobEvaluation evaluation, Optional<ClusterName> cluster, Mode mode, boolean rescaling) {
        JobSeen {
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
     * @param problems  what keeps the advisor from seeing everything, by what it concerns ({@code cluster prod},
     *                  {@code rule backpressure}): a problem whose wording changes (a reset connection, then an
     *                  open breaker) is still one problem, raised once and resolved once
     * @param rescaling jobs with a rescale under way, to tell a decision carried out from one that cleared
     *                  when its job restarts or gets a new id
     */
    record Seen(List<JobSeen> jobs, Map<String, String> problems, Set<JobOnCluster> rescaling) {
        Seen {
            jobs = List.copyOf(jobs);
            problems = Map.copyOf(problems);
            rescaling = Set.copyOf(rescaling);
        }
    }

    /** A decision that was told, with what is needed to tell its end after its job is gone. */
    record OpenDecision(JobRef job, Optional<ClusterName> cluster, Mode mode, Decision decision) {}

    /** What has been told and not yet seen to end. */
    record Told(
            Map<JobId, OpenDecision> decisions,
            Map<JobId, Set<String>> findings,
            Set<JobId> withoutCluster,
            Map<String, String> problems) {

        static final Told NOTHING = new Told(Map.of(), Map.of(), Set.of(), Map.of());

        Told {
            decisions = Map.copyOf(decisions);
            findings = Map.copyOf(findings);
            withoutCluster = Set.copyOf(withoutCluster);
            problems = Map.copyOf(problems);
        }
    }

    record Step(Told told, List<Transition> transitions) {
        Step {
            Objects.requireNonNull(told, "told");
            transitions = List.copyOf(transitions);
        }
    }

    static Step step(Told before, Seen now) {
        List<Transition> out = new ArrayList<>();
        Map<JobId, OpenDecision> decisions = new HashMap<>();
        Map<JobId, Set<String>> findings = new HashMap<>();
        Set<JobId> withoutCluster = new HashSet<>();
        Set<JobId> seen = new HashSet<>();
        for (JobSeen job : now.jobs()) {
            JobId id = job.job().id();
            seen.add(id);
            Decision decision = job.evaluation().decision();
            boolean decided = job.evaluation().phase() == JobPhase.DECIDED && decision.direction() != Direction.NONE;
            OpenDecision open = before.decisions().get(id);
            if (decided) {
                boolean fresh = open == null || !sameChange(open.decision(), decision);
                decisions.put(id, new OpenDecision(job.job(), job.cluster(), job.mode(), decision));
                out.add(new Transition.Decided(job.evaluation(), job.cluster(), job.mode(), fresh));
                if (job.mode() == Mode.ACT && job.cluster().isEmpty()) {
                    withoutCluster.add(id);
                    if (!before.withoutCluster().contains(id)) {
                        out.add(new Transition.WithoutCluster(job.job()));
                    }
                }
            } else if (open != null) {
                Transition.Resolution why =
                        job.rescaling() ? Transition.Resolution.CARRIED_OUT : Transition.Resolution.CLEARED;
                out.add(new Transition.Resolved(job.job(), job.cluster(), job.mode(), open.decision(), why));
            }
            findings(before.findings().getOrDefault(id, Set.of()), job, out).ifPresent(keys -> findings.put(id, keys));
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

    /** The job's findings this cycle, told when new; the keys to remember, if any. */
    private static Optional<Set<String>> findings(Set<String> before, JobSeen job, List<Transition> out) {
        Set<String> now = new LinkedHashSet<>();
        for (Finding finding : job.evaluation().findings()) {
            String key = key(finding);
            now.add(key);
            out.add(new Transition.FindingHolds(
                    job.evaluation(), job.cluster(), job.mode(), finding, !before.contains(key)));
        }
        for (String key : before) {
            if (!now.contains(key)) {
                out.add(new Transition.FindingCleared(job.job(), key));
            }
        }
        return now.isEmpty() ? Optional.empty() : Optional.of(now);
    }

    /** The same finding across cycles: its kind and what it concerns. */
    static String key(Finding finding) {
        return finding.kind() + "/" + finding.subject();
    }

    private static boolean sameChange(Decision a, Decision b) {
        return a.direction() == b.direction() && a.changes().equals(b.changes());
    }
}

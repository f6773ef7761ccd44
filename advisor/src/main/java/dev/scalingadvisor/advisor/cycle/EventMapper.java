package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.flink.FlinkClusterSettings;
import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.RescaleSubject;
import dev.scalingadvisor.actions.rescale.StepTimings;
import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.alerting.Comparison;
import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.EventLinks;
import dev.scalingadvisor.alerting.FiredRule;
import dev.scalingadvisor.alerting.RescaleStep;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.rule.Threshold;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns what the engine decided and what the executor did into the notifications' {@link Event}s, with
 * everything a person needs to trust them: the rules that fired with their thresholds and how long they
 * held, how the target was computed, the guards, the steps with their timings, and links to look.
 */
final class EventMapper {

    /** How far back a rule's Prometheus graph link looks. */
    private static final Duration GRAPH_RANGE = Duration.ofHours(1);

    private final AdvisorConfig config;

    EventMapper(AdvisorConfig config) {
        this.config = config;
    }

    Event recommendation(JobEvaluation job, Optional<ClusterName> cluster, Instant at) {
        return decided(EventKind.RECOMMENDATION, job.job(), job.decision(), cluster, at)
                .build();
    }

    /** The recommendation made earlier for {@code decision} no longer holds. */
    Event resolved(JobRef job, Decision decision, Optional<ClusterName> cluster, Instant at) {
        return base(EventKind.RECOMMENDATION_RESOLVED, job, cluster, at)
                .changes(decision.changes())
                .build();
    }

    Event finding(JobEvaluation job, Finding finding, Optional<ClusterName> cluster, Instant at) {
        return base(EventKind.FINDING, job.job(), cluster, at)
                .finding(finding.text())
                // Several findings can hold for one job at once (a hot key and saturated hosts): one key each.
                .dedupKey(Event.defaultDedupKey(
                                EventKind.FINDING, cluster, job.job().id()) + "/" + TellOnce.key(finding))
                .build();
    }

    /**
     * The notification for one of the executor's events, if its kind makes one: a taken savepoint and a dry
     * run are recorded in the history and the log only. The decision it carries out explains it when this
     * advisor made it in this run; a rescale recovered from the journal still names its vertices.
     */
    Optional<Event> rescale(RescaleEvent event) {
        Optional<EventKind> kind = event.kind().notification();
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        RescaleSubject subject = event.subject();
        Optional<ClusterName> cluster = Optional.of(subject.cluster());
        Event.Builder builder = DecisionContext.of(subject.context())
                .map(decision -> decided(kind.get(), subject.job(), decision, cluster, event.at()))
                .orElseGet(() -> base(kind.get(), subject.job(), cluster, event.at()))
                .changes(subject.changes())
                .severity(event.kind().severity());
        String occurrence =
                subject.operation().map(Object::toString).orElse(event.at().toString());
        if (event instanceof RescaleOutcome.Blocked blocked) {
            // Refused every cycle while it holds: one key per guard, so noise control repeats it only per
            // repeatInterval.
            occurrence = Spelling.of(blocked.guard());
            builder.guard(Spelling.of(blocked.guard()), false, blocked.reason());
        }
        builder.dedupKey(
                Event.defaultDedupKey(kind.get(), cluster, subject.job().id()) + "/" + occurrence);
        if (event instanceof RescaleEvent.Resumed resumed) {
            builder.guard("recovery", true, "resumed from step " + Spelling.of(resumed.from()) + " of the journal");
        }
        if (event instanceof RescaleOutcome outcome) {
            builder.severity(outcome.severity());
            steps(builder, outcome.timings());
            event.kind()
                    .failedStep()
                    .ifPresent(step -> builder.step(
                            RescaleStep.failed(step, Duration.ZERO, outcome.detail() + "; " + outcome.consequence())));
        }
        return Optional.of(builder.build());
    }

    private Event.Builder decided(
            EventKind kind, JobRef job, Decision decision, Optional<ClusterName> cluster, Instant at) {
        Event.Builder builder = base(kind, job, cluster, at).changes(decision.changes());
        for (Reason reason : decision.explanation().reasons()) {
            if (reason instanceof Reason.RuleFired fired) {
                builder.rule(firedRule(fired));
            } else if (!(reason instanceof Reason.RuleNotReady)) {
                policyStep(builder, reason, decision);
            }
        }
        return builder;
    }

    private FiredRule firedRule(Reason.RuleFired fired) {
        Comparison comparison =
                fired.threshold().comparison() == Threshold.Comparison.ABOVE ? Comparison.ABOVE : Comparison.BELOW;
        FiredRule rule = FiredRule.of(
                fired.rule().value(),
                fired.value(),
                comparison,
                fired.threshold().fire(),
                fired.heldFor());
        if (fired.vertex().isPresent()) {
            rule = rule.onVertex(fired.vertex().get());
        }
        if (fired.signal().unit().isPresent()) {
            rule = rule.withUnit(fired.signal().unit().get());
        }
        return rule.withExpression(
                fired.expression(),
                EventLinks.prometheusGraph(config.prometheus().url(), fired.expression(), GRAPH_RANGE));
    }

    /** How the target came about, step by step; steps without a number of their own carry the decision's current. */
    private static void policyStep(Event.Builder builder, Reason reason, Decision decision) {
        if (reason instanceof Reason.Sized sized) {
            builder.policyStep("raw target (" + Spelling.of(sized.policy()) + ")", sized.rawTarget(), sized.text());
        } else if (reason instanceof Reason.LargestTarget largest) {
            builder.policyStep("largest target", largest.target(), largest.text());
        } else if (reason instanceof Reason.Clamped clamped) {
            builder.policyStep("clamped", clamped.to(), clamped.text());
        } else if (reason instanceof Reason.Aligned aligned) {
            builder.policyStep("aligned", aligned.to(), aligned.text());
        } else if (reason instanceof Reason.NotAligned notAligned) {
            builder.policyStep("not aligned", notAligned.target(), notAligned.text());
        } else if (reason instanceof Reason.Bottleneck) {
            builder.policyStep("bottleneck", decision.currentParallelism(), reason.text());
        } else {
            builder.policyStep("note", decision.currentParallelism(), reason.text());
        }
    }

    private static void steps(Event.Builder builder, StepTimings timings) {
        timings.durations().forEach((step, took) -> builder.step(RescaleStep.succeeded(Spelling.of(step), took)));
        timings.downtime().ifPresent(downtime -> builder.step(RescaleStep.succeeded("downtime", downtime)));
    }

    private Event.Builder base(EventKind kind, JobRef job, Optional<ClusterName> cluster, Instant at) {
        Event.Builder builder = Event.builder(kind, at, cluster, job.id(), job.name());
        webUi(cluster).ifPresent(ui -> builder.flinkJobUrl(EventLinks.flinkJobPage(ui, job.id())));
        return builder;
    }

    private Optional<URI> webUi(Optional<ClusterName> cluster) {
        return cluster.flatMap(config::cluster).map(FlinkClusterSettings::webUrl);
    }
}

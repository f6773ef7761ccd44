package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.flink.FlinkClusterSettings;
import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.RescaleSubject;
import dev.scalingadvisor.actions.rescale.StepTimings;
import dev.scalingadvisor.actions.rescale.request.ParallelismChange;
import dev.scalingadvisor.actions.rescale.request.RescaleTarget;
import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.alerting.Comparison;
import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.EventKind;
import dev.scalingadvisor.alerting.EventLinks;
import dev.scalingadvisor.alerting.FiredRule;
import dev.scalingadvisor.alerting.RescaleStep;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.VertexChange;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.Signal;
import dev.scalingadvisor.rules.rule.Threshold;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
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
    private final RulePack pack;

    EventMapper(AdvisorConfig config, RulePack pack) {
        this.config = config;
        this.pack = pack;
    }

    Event recommendation(JobEvaluation job, String cluster, Instant at) {
        return decided(EventKind.RECOMMENDATION, job.job().id(), job.job().name(), job.decision(), cluster, at)
                .build();
    }

    /** The recommendation made earlier for {@code decision} no longer holds. */
    Event resolved(JobId job, String jobName, Decision decision, String cluster, Instant at) {
        return base(EventKind.RECOMMENDATION_RESOLVED, job, jobName, cluster, at)
                .parallelism(decision.currentParallelism(), decision.targetParallelism())
                .build();
    }

    Event finding(JobEvaluation job, Finding finding, String cluster, Instant at) {
        JobId id = job.job().id();
        return base(EventKind.FINDING, id, job.job().name(), cluster, at)
                .finding(finding.text())
                // Several findings can hold for one job at once (a hot key and saturated hosts): one key each.
                .dedupKey(Event.defaultDedupKey(EventKind.FINDING, cluster, id) + "/" + finding.kind() + "/"
                        + finding.subject())
                .build();
    }

    /**
     * The notification for one of the executor's events, if it has one: a taken savepoint and a dry run are
     * recorded in the history and the log only.
     *
     * @param decision the decision the rescale carries out, when this advisor made it in this run
     */
    Optional<Event> rescale(RescaleEvent event, Optional<Decision> decision) {
        RescaleSubject subject = event.subject();
        Optional<EventKind> kind = kindOf(event);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Event.Builder builder = decision.isPresent()
                ? decided(kind.get(), subject.job(), subject.jobName(), decision.get(), subject.cluster(), event.at())
                : withTarget(
                        base(kind.get(), subject.job(), subject.jobName(), subject.cluster(), event.at()),
                        subject.target());
        String operation =
                subject.operation().map(Object::toString).orElse(event.at().toString());
        builder.dedupKey(Event.defaultDedupKey(kind.get(), subject.cluster(), subject.job()) + "/" + operation);
        if (event instanceof RescaleEvent.Resumed resumed) {
            builder.guard("recovery", true, "resumed after an advisor restart, from step " + resumed.from());
        } else if (event instanceof RescaleOutcome.Blocked blocked) {
            // Refused every cycle while it holds: one key per guard, so noise control repeats it only per
            // repeatInterval.
            builder.dedupKey(Event.defaultDedupKey(kind.get(), subject.cluster(), subject.job()) + "/"
                    + blocked.guard().label());
            builder.guard(blocked.guard().label(), false, blocked.reason());
        } else if (event instanceof RescaleOutcome.Succeeded succeeded) {
            steps(builder, succeeded.timings());
        } else if (event instanceof RescaleOutcome.Aborted aborted) {
            steps(builder, aborted.timings());
            builder.step(RescaleStep.failed(
                    "abort", Duration.ZERO, aborted.reason() + "; nothing changed, the job runs as before"));
        } else if (event instanceof RescaleOutcome.RolledBack rolledBack) {
            steps(builder, rolledBack.timings());
            builder.step(RescaleStep.failed(
                    "rescaled job",
                    Duration.ZERO,
                    rolledBack.reason()
                            + "; rolled back to the previous parallelism"
                            + rolledBack
                                    .savepoint()
                                    .map(s -> " from savepoint " + s)
                                    .orElse("")
                            + ", now job " + rolledBack.job()));
        } else if (event instanceof RescaleOutcome.Failed failed) {
            steps(builder, failed.timings());
            builder.step(RescaleStep.failed(
                    "rescale",
                    Duration.ZERO,
                    failed.reason()
                            + failed.savepoint().map(s -> "; savepoint " + s).orElse("")
                            + (failed.resumable()
                                    ? "; the advisor finishes it when Flink answers again (or at its next start)"
                                    : "")));
        } else if (event instanceof RescaleOutcome.JobLeftStopped stopped) {
            steps(builder, stopped.timings());
            builder.step(RescaleStep.failed(
                    "resubmit",
                    Duration.ZERO,
                    "THE JOB IS STOPPED: " + stopped.reason()
                            + ". Its state is in savepoint " + stopped.savepoint()
                            + "; the advisor resubmits it at its next start,"
                            + " or submit the job's jar with savepointPath " + stopped.savepoint()));
        }
        return Optional.of(builder.build());
    }

    private static Optional<EventKind> kindOf(RescaleEvent event) {
        if (event instanceof RescaleEvent.Started || event instanceof RescaleEvent.Resumed) {
            return Optional.of(EventKind.RESCALE_STARTED);
        }
        if (event instanceof RescaleOutcome.Succeeded) {
            return Optional.of(EventKind.RESCALE_SUCCEEDED);
        }
        if (event instanceof RescaleOutcome.Blocked) {
            return Optional.of(EventKind.RESCALE_BLOCKED);
        }
        if (event instanceof RescaleOutcome.RolledBack) {
            return Optional.of(EventKind.ROLLED_BACK);
        }
        if (event instanceof RescaleOutcome.Aborted
                || event instanceof RescaleOutcome.Failed
                || event instanceof RescaleOutcome.JobLeftStopped) {
            return Optional.of(EventKind.RESCALE_FAILED);
        }
        return Optional.empty();
    }

    private Event.Builder decided(
            EventKind kind, JobId job, String jobName, Decision decision, String cluster, Instant at) {
        Event.Builder builder = base(kind, job, jobName, cluster, at)
                .parallelism(decision.currentParallelism(), decision.targetParallelism());
        for (VertexChange change : decision.vertices()) {
            builder.vertex(change.vertex(), change.name(), change.current(), change.target());
        }
        for (Reason reason : decision.explanation().reasons()) {
            Optional<Rule> rule =
                    reason instanceof Reason.RuleFired fired ? pack.rule(new RuleName(fired.rule())) : Optional.empty();
            if (rule.isPresent()) {
                builder.rule(firedRule((Reason.RuleFired) reason, rule.get()));
            } else if (reason instanceof Reason.RuleFired) {
                // A rule a reload removed while its decision was being carried out: its words, without its numbers.
                builder.policyStep("rule", decision.currentParallelism(), reason.text());
            } else if (!(reason instanceof Reason.RuleNotReady)) {
                policyStep(builder, reason, decision);
            }
        }
        return builder;
    }

    private FiredRule firedRule(Reason.RuleFired fired, Rule rule) {
        Comparison comparison =
                rule.threshold().comparison() == Threshold.Comparison.ABOVE ? Comparison.ABOVE : Comparison.BELOW;
        FiredRule result = FiredRule.of(
                fired.rule(), fired.value(), comparison, rule.threshold().fire(), fired.heldFor());
        if (fired.vertex().isPresent()) {
            result = result.onVertex(fired.vertex().get());
        }
        Optional<String> unit = unitOf(rule.signal());
        if (unit.isPresent()) {
            result = result.withUnit(unit.get());
        }
        return result.withExpression(
                rule.expr(), EventLinks.prometheusGraph(config.prometheus().url(), rule.expr(), GRAPH_RANGE));
    }

    private static Optional<String> unitOf(Signal signal) {
        switch (signal) {
            case BACKPRESSURE:
            case BUSY:
            case IDLE:
                return Optional.of("ms/s");
            case LAG:
                return Optional.of("records/s");
            default:
                return Optional.empty();
        }
    }

    /** How the target came about, step by step; steps without a number of their own carry the decision's current. */
    private static void policyStep(Event.Builder builder, Reason reason, Decision decision) {
        if (reason instanceof Reason.Sized sized) {
            builder.policyStep(
                    "raw target (" + sized.policy().name().toLowerCase(Locale.ROOT) + ")",
                    sized.rawTarget(),
                    sized.text());
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
        timings.durations()
                .forEach((step, took) ->
                        builder.step(RescaleStep.succeeded(step.name().toLowerCase(Locale.ROOT), took)));
        timings.downtime().ifPresent(downtime -> builder.step(RescaleStep.succeeded("downtime", downtime)));
    }

    /** Without the decision (a rescale recovered after a restart): the widest changing vertex stands for the job. */
    private static Event.Builder withTarget(Event.Builder builder, RescaleTarget target) {
        if (target instanceof RescaleTarget.JobWide jobWide) {
            return builder.parallelism(jobWide.change().from(), jobWide.change().to());
        }
        Map<VertexId, ParallelismChange> changes = ((RescaleTarget.PerVertex) target).changes();
        ParallelismChange widest = changes.values().stream()
                .max((a, b) -> Integer.compare(Math.max(a.from(), a.to()), Math.max(b.from(), b.to())))
                .orElseThrow();
        builder.parallelism(widest.from(), widest.to());
        changes.forEach((vertex, change) -> builder.vertex(vertex, vertex.value(), change.from(), change.to()));
        return builder;
    }

    private Event.Builder base(EventKind kind, JobId job, String jobName, String cluster, Instant at) {
        Event.Builder builder = Event.builder(kind, at, cluster, job, jobName);
        webUi(cluster).ifPresent(ui -> builder.flinkJobUrl(EventLinks.flinkJobPage(ui, job)));
        return builder;
    }

    private Optional<URI> webUi(String cluster) {
        return config.cluster(cluster).map(FlinkClusterSettings::webUrl);
    }
}

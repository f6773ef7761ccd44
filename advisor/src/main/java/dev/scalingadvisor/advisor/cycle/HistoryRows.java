package dev.scalingadvisor.advisor.cycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.RescaleSubject;
import dev.scalingadvisor.actions.rescale.StepTimings;
import dev.scalingadvisor.actions.rescale.request.ParallelismChange;
import dev.scalingadvisor.actions.rescale.request.RescaleTarget;
import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.VertexChange;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.RuleReport;
import dev.scalingadvisor.rules.explain.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes decisions, resolutions, findings and rescale events as decision-history rows: a one-line
 * summary for people, the numbers behind it as JSON for tools.
 */
final class HistoryRows {

    private final ObjectMapper json = new ObjectMapper();

    /** @param kind {@code decision} (observe), {@code recommendation} or the kind of the event that carries it out */
    HistoryEntry decision(String kind, JobEvaluation job, Optional<String> cluster, Mode mode, Instant at) {
        Decision decision = job.decision();
        ObjectNode details = json.createObjectNode();
        details.put("phase", job.phase().spelling());
        ArrayNode rules = details.putArray("rules");
        for (RuleReport rule : job.rules()) {
            ObjectNode node = rules.addObject();
            node.put("name", rule.name().value());
            node.put("state", rule.state().name().toLowerCase(Locale.ROOT));
            rule.value().ifPresent(v -> node.put("value", v));
            rule.vertex().ifPresent(v -> node.put("vertex", v));
            rule.since().ifPresent(s -> node.put("since", s.toString()));
            rule.reason().ifPresent(r -> node.put("reason", r));
        }
        ArrayNode vertices = details.putArray("vertices");
        for (VertexChange change : decision.vertices()) {
            vertices.addObject()
                    .put("vertex", change.vertex().value())
                    .put("name", change.name())
                    .put("from", change.current())
                    .put("to", change.target());
        }
        ArrayNode explanation = details.putArray("explanation");
        decision.explanation().reasons().forEach(r -> explanation.add(r.text()));
        return new HistoryEntry(
                at,
                cluster,
                job.job().id().value(),
                job.job().name(),
                kind,
                direction(decision.direction()),
                OptionalInt.of(decision.currentParallelism()),
                OptionalInt.of(decision.targetParallelism()),
                spelling(mode),
                summary(job.job().name(), decision),
                details.toString());
    }

    HistoryEntry resolved(
            JobId job, String jobName, Decision decision, Optional<String> cluster, Mode mode, Instant at) {
        ObjectNode details = json.createObjectNode();
        details.put(
                "resolved",
                decision.direction().spelling() + " " + decision.currentParallelism() + " → "
                        + decision.targetParallelism());
        return new HistoryEntry(
                at,
                cluster,
                job.value(),
                jobName,
                "recommendation-resolved",
                direction(decision.direction()),
                OptionalInt.of(decision.currentParallelism()),
                OptionalInt.of(decision.targetParallelism()),
                spelling(mode),
                jobName + ": the " + decision.direction().spelling() + " recommendation "
                        + decision.currentParallelism() + " → " + decision.targetParallelism() + " no longer holds",
                details.toString());
    }

    HistoryEntry finding(JobEvaluation job, Finding finding, Optional<String> cluster, Mode mode, Instant at) {
        ObjectNode details = json.valueToTree(finding);
        return new HistoryEntry(
                at,
                cluster,
                job.job().id().value(),
                job.job().name(),
                "finding",
                Optional.empty(),
                OptionalInt.empty(),
                OptionalInt.empty(),
                spelling(mode),
                job.job().name() + ": " + finding.text(),
                details.toString());
    }

    HistoryEntry rescale(RescaleEvent event) {
        RescaleSubject subject = event.subject();
        ParallelismChange widest = widest(subject.target());
        ObjectNode details = json.createObjectNode();
        subject.operation().ifPresent(o -> details.put("operation", o.toString()));
        subject.strategy()
                .ifPresent(s -> details.put(
                        "strategy", s.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        details.put("reason", subject.reason());
        ObjectNode vertices = details.putObject("vertices");
        changes(subject.target())
                .forEach((vertex, change) -> vertices.putObject(vertex.value())
                        .put("from", change.from())
                        .put("to", change.to()));
        String extra = describe(event, details);
        return new HistoryEntry(
                event.at(),
                Optional.of(subject.cluster()),
                subject.job().value(),
                subject.jobName(),
                event.kind(),
                direction(
                        widest.to() > widest.from()
                                ? Direction.UP
                                : widest.to() < widest.from() ? Direction.DOWN : Direction.NONE),
                OptionalInt.of(widest.from()),
                OptionalInt.of(widest.to()),
                spelling(Mode.ACT),
                subject.jobName() + ": " + event.kind() + " " + widest.from() + " → " + widest.to() + extra,
                details.toString());
    }

    /** Adds the event's own facts to {@code details}; returns what the summary line says about them. */
    private String describe(RescaleEvent event, ObjectNode details) {
        if (event instanceof RescaleEvent.SavepointTaken taken) {
            details.put("savepoint", taken.location());
            return ", savepoint " + taken.location();
        }
        if (event instanceof RescaleEvent.Resumed resumed) {
            details.put("resumedFrom", resumed.from().toString());
            return ", resumed after a restart from " + resumed.from();
        }
        if (event instanceof RescaleOutcome.Succeeded succeeded) {
            details.put("newJobId", succeeded.job().value());
            succeeded.savepoint().ifPresent(s -> details.put("savepoint", s));
            return timings(succeeded.timings(), details);
        }
        if (event instanceof RescaleOutcome.Blocked blocked) {
            details.put("guard", blocked.guard().label());
            details.put("detail", blocked.reason());
            return ", blocked by " + blocked.guard().label() + ": " + blocked.reason();
        }
        if (event instanceof RescaleOutcome.Aborted aborted) {
            details.put("detail", aborted.reason());
            return ", aborted (nothing changed): " + aborted.reason() + timings(aborted.timings(), details);
        }
        if (event instanceof RescaleOutcome.RolledBack rolledBack) {
            details.put("detail", rolledBack.reason());
            details.put("newJobId", rolledBack.job().value());
            rolledBack.savepoint().ifPresent(s -> details.put("savepoint", s));
            return ", rolled back: " + rolledBack.reason() + timings(rolledBack.timings(), details);
        }
        if (event instanceof RescaleOutcome.Failed failed) {
            details.put("detail", failed.reason());
            details.put("resumable", failed.resumable());
            failed.savepoint().ifPresent(s -> details.put("savepoint", s));
            return ", failed: " + failed.reason()
                    + failed.savepoint().map(s -> ", savepoint " + s).orElse("") + timings(failed.timings(), details);
        }
        if (event instanceof RescaleOutcome.JobLeftStopped stopped) {
            details.put("detail", stopped.reason());
            details.put("savepoint", stopped.savepoint());
            return ", THE JOB IS STOPPED, its state is in savepoint " + stopped.savepoint() + ": " + stopped.reason();
        }
        if (event instanceof RescaleOutcome.DryRun dryRun) {
            ArrayNode calls = details.putArray("calls");
            dryRun.calls().forEach(call -> calls.add(call.toString()));
            return ", dry run: " + dryRun.calls().size() + " REST calls logged, none made";
        }
        return "";
    }

    private static String timings(StepTimings timings, ObjectNode details) {
        ObjectNode steps = details.putObject("timings");
        timings.durations().forEach((step, took) -> steps.put(step.name().toLowerCase(Locale.ROOT), seconds(took)));
        timings.downtime().ifPresent(d -> details.put("downtimeSeconds", seconds(d)));
        return timings.downtime()
                .map(d -> String.format(Locale.ROOT, ", downtime %.1f s", seconds(d)))
                .orElse("");
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Map<VertexId, ParallelismChange> changes(RescaleTarget target) {
        return target instanceof RescaleTarget.PerVertex perVertex ? perVertex.changes() : Map.of();
    }

    /** The change that stands for the job: the job-wide one, or the vertex with the highest parallelism involved. */
    static ParallelismChange widest(RescaleTarget target) {
        if (target instanceof RescaleTarget.JobWide jobWide) {
            return jobWide.change();
        }
        return changes(target).values().stream()
                .max((a, b) -> Integer.compare(Math.max(a.from(), a.to()), Math.max(b.from(), b.to())))
                .orElseThrow(() -> new IllegalArgumentException("a per-vertex rescale target without vertices"));
    }

    private static String summary(String jobName, Decision decision) {
        String firstRule = decision.explanation().reasons().stream()
                .filter(r -> r instanceof Reason.RuleFired)
                .map(Reason::text)
                .findFirst()
                .orElse(
                        decision.explanation().reasons().isEmpty()
                                ? ""
                                : decision.explanation().reasons().get(0).text());
        String change = decision.direction() == Direction.NONE
                ? "no change at " + decision.currentParallelism()
                : "scale " + decision.direction().spelling() + " " + decision.currentParallelism() + " → "
                        + decision.targetParallelism();
        return jobName + ": " + change + (firstRule.isEmpty() ? "" : " — " + firstRule);
    }

    private static Optional<String> direction(Direction direction) {
        return direction == Direction.NONE ? Optional.empty() : Optional.of(direction.spelling());
    }

    private static String spelling(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}

package dev.scalingadvisor.advisor.cycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.RescaleSubject;
import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.advisor.pause.Pause;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.RuleReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes decisions, resolutions, findings and rescale events as decision-history rows: a one-line summary
 * for people, the numbers behind it as JSON for tools, written with the one {@link Json} mapping (changes as
 * {@code [{vertex, name, from, to}]} wherever they appear).
 */
final class HistoryRows {

    private static final ObjectMapper JSON = Json.mapper();

    private HistoryRows() {}

    /**
     * @param kind  {@code decision} (observe, act) or {@code recommendation}
     * @param pause the pause that holds the job: the decision is neither sent nor carried out
     */
    static HistoryEntry decision(
            String kind,
            JobEvaluation job,
            Optional<ClusterName> cluster,
            Mode mode,
            Instant at,
            Optional<Pause> pause) {
        Decision decision = job.decision();
        ObjectNode details = JSON.createObjectNode();
        details.put("phase", job.phase().spelling());
        pause.ifPresent(p -> details.put("paused", p.describe()));
        ArrayNode rules = details.putArray("rules");
        for (RuleReport rule : job.rules()) {
            ObjectNode node = rules.addObject();
            node.put("name", rule.name().value());
            node.put("state", Spelling.of(rule.state()));
            rule.value().ifPresent(v -> node.put("value", v));
            rule.vertex().ifPresent(v -> node.put("vertex", v));
            rule.since().ifPresent(s -> node.put("since", s.toString()));
            rule.reason().ifPresent(r -> node.put("reason", r));
        }
        details.set("vertices", JSON.valueToTree(decision.changes()));
        ArrayNode explanation = details.putArray("explanation");
        decision.explanation().reasons().forEach(r -> explanation.add(r.text()));
        String summary = summary(job.job().name(), decision)
                + pause.map(p -> " (paused: " + p.describe() + ")").orElse("");
        return entry(at, cluster, job.job(), kind, decision, mode, summary, details);
    }

    /** @param kind {@code decision-resolved} (observe) or {@code recommendation-resolved} */
    static HistoryEntry resolved(String kind, Transition.Resolved resolved, Instant at) {
        Decision decision = resolved.decision();
        ObjectNode details = JSON.createObjectNode();
        details.put("resolved", Spelling.of(resolved.resolution()));
        details.set("vertices", JSON.valueToTree(decision.changes()));
        return entry(
                at,
                resolved.cluster(),
                resolved.job(),
                kind,
                decision,
                resolved.mode(),
                resolved.job().name() + ": the " + decision.direction().spelling() + " " + modeNoun(resolved.mode())
                        + " " + decision.currentParallelism() + " → " + decision.targetParallelism() + " "
                        + resolved.resolution().wording(),
                details);
    }

    static HistoryEntry finding(
            JobEvaluation job, Finding finding, Optional<ClusterName> cluster, Mode mode, Instant at) {
        return new HistoryEntry(
                at,
                cluster.map(ClusterName::value),
                job.job().id().value(),
                job.job().name(),
                "finding",
                Optional.empty(),
                OptionalInt.empty(),
                OptionalInt.empty(),
                Spelling.of(mode),
                job.job().name() + ": " + finding.text(),
                JSON.valueToTree(finding).toString());
    }

    static HistoryEntry rescale(RescaleEvent event) {
        RescaleSubject subject = event.subject();
        ParallelismChange headline = subject.changes().headline();
        ObjectNode details = JSON.createObjectNode();
        subject.operation().ifPresent(o -> details.put("operation", o.toString()));
        subject.strategy().ifPresent(s -> details.put("strategy", Spelling.of(s)));
        details.put("reason", subject.reason());
        details.set("vertices", JSON.valueToTree(subject.changes()));
        String facts = facts(event, details);
        return new HistoryEntry(
                event.at(),
                Optional.of(subject.cluster().value()),
                subject.job().id().value(),
                subject.job().name(),
                event.kind().historyName(),
                direction(headline.direction()),
                OptionalInt.of(headline.from()),
                OptionalInt.of(headline.to()),
                Spelling.of(Mode.ACT),
                subject.job().name() + ": " + event.kind().historyName() + " "
                        + subject.changes().changed() + facts,
                details.toString());
    }

    /** Adds the event's own facts to {@code details}; returns what the summary line says about them. */
    private static String facts(RescaleEvent event, ObjectNode details) {
        if (event instanceof RescaleEvent.SavepointTaken taken) {
            details.put("savepoint", taken.location());
            return ", savepoint " + taken.location();
        }
        if (event instanceof RescaleEvent.Resumed resumed) {
            details.put("resumedFrom", Spelling.of(resumed.from()));
            return ", resumed from " + Spelling.of(resumed.from());
        }
        if (event instanceof RescaleOutcome outcome) {
            return outcome(outcome, details);
        }
        return "";
    }

    private static String outcome(RescaleOutcome outcome, ObjectNode details) {
        if (!outcome.detail().isEmpty()) {
            details.put("detail", outcome.detail());
        }
        outcome.savepoint().ifPresent(s -> details.put("savepoint", s));
        if (outcome instanceof RescaleOutcome.Succeeded succeeded) {
            details.put("newJobId", succeeded.job().value());
        } else if (outcome instanceof RescaleOutcome.RolledBack rolledBack) {
            details.put("newJobId", rolledBack.job().value());
        } else if (outcome instanceof RescaleOutcome.Blocked blocked) {
            details.put("guard", Spelling.of(blocked.guard()));
        } else if (outcome instanceof RescaleOutcome.Failed failed) {
            details.put("resumable", failed.resumable());
        } else if (outcome instanceof RescaleOutcome.DryRun dryRun) {
            ArrayNode calls = details.putArray("calls");
            dryRun.calls().forEach(call -> calls.add(call.toString()));
        }
        ObjectNode steps = details.putObject("timings");
        outcome.timings().durations().forEach((step, took) -> steps.put(Spelling.of(step), seconds(took)));
        outcome.timings().downtime().ifPresent(d -> details.put("downtimeSeconds", seconds(d)));
        String downtime = outcome.timings()
                .downtime()
                .map(d -> String.format(Locale.ROOT, ", downtime %.1f s", seconds(d)))
                .orElse("");
        String why = outcome instanceof RescaleOutcome.Blocked blocked
                ? ", blocked by " + Spelling.of(blocked.guard()) + ": " + blocked.reason()
                : outcome.detail().isEmpty() ? "" : ": " + outcome.detail();
        return why + "; " + outcome.consequence() + downtime;
    }

    private static HistoryEntry entry(
            Instant at,
            Optional<ClusterName> cluster,
            JobRef job,
            String kind,
            Decision decision,
            Mode mode,
            String summary,
            ObjectNode details) {
        return new HistoryEntry(
                at,
                cluster.map(ClusterName::value),
                job.id().value(),
                job.name(),
                kind,
                direction(decision.direction()),
                OptionalInt.of(decision.currentParallelism()),
                OptionalInt.of(decision.targetParallelism()),
                Spelling.of(mode),
                summary,
                details.toString());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String summary(String jobName, Decision decision) {
        String why = decision.explanation().summary();
        String change = decision.direction() == Direction.NONE
                ? "no change at " + decision.currentParallelism()
                : "scale " + decision.direction().spelling() + " " + decision.currentParallelism() + " → "
                        + decision.targetParallelism() + " (" + decision.changes() + ")";
        return jobName + ": " + change + (why.isEmpty() ? "" : " — " + why);
    }

    private static String modeNoun(Mode mode) {
        return mode == Mode.RECOMMEND ? "recommendation" : "decision";
    }

    private static Optional<String> direction(Direction direction) {
        return direction == Direction.NONE ? Optional.empty() : Optional.of(direction.spelling());
    }
}

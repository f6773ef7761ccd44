package dev.scalingadvisor.advisor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.actions.flink.RestCall;
import dev.scalingadvisor.actions.rescale.OperationId;
import dev.scalingadvisor.actions.rescale.OperationState;
import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.RescaleSubject;
import dev.scalingadvisor.actions.rescale.Step;
import dev.scalingadvisor.actions.rescale.StepTimings;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.advisor.pause.Pause;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.core.testing.Golden;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.RuleReport;
import dev.scalingadvisor.rules.explain.Explanation;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.policy.JobShape;
import dev.scalingadvisor.rules.policy.LagFigures;
import dev.scalingadvisor.rules.rule.RuleDirection;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RuleStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The decision history's rows for every kind of decision, resolution, finding and rescale event: the summary line
 * people read and the {@code details} JSON tools read, held to reviewed golden files under
 * {@code src/test/resources/golden/history} (regenerate with {@code -Dgolden.update=true} and review the diff).
 */
class HistoryRowsTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:15:30Z");
    private static final Optional<ClusterName> PROD = Optional.of(new ClusterName("prod"));
    private static final JobRef ORDERS = new JobRef(new JobId("a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4"), "orders");
    private static final ParallelismChange WINDOW =
            new ParallelismChange(new VertexId("bc764cd8ddf7a0cff126f51c16239658"), "Window aggregate", 2, 4);
    private static final ParallelismChange SINK =
            new ParallelismChange(new VertexId("0a448493b4782967b150582570326227"), "Kafka sink", 1, 2);
    private static final Decision UP = new Decision(
            Direction.UP,
            2,
            ParallelismChanges.of(WINDOW, SINK),
            new Explanation(List.of(new Reason.Note("busy-time-high fired on Window aggregate"))));
    private static final RuleReport BUSY = new RuleReport(
            new RuleName("busy-time-high"),
            RuleDirection.UP,
            RuleStatus.FIRING,
            Optional.of(912.5),
            Optional.of("Window aggregate"),
            Optional.of(AT.minus(Duration.ofMinutes(6))),
            Optional.empty());
    private static final JobEvaluation DECIDED = new JobEvaluation(
            ORDERS,
            JobPhase.DECIDED,
            JobPhase.UP_CANDIDATE,
            List.of(BUSY),
            UP,
            List.of(),
            new JobShape(List.of(), LagFigures.NONE));

    @Test
    void aRecommendationRowNamesItsVerticesAndRules() {
        HistoryEntry row = HistoryRows.decision("recommendation", DECIDED, PROD, Mode.RECOMMEND, AT, Optional.empty());

        assertThat(row.summary())
                .isEqualTo("orders: scale up 2 → 4 (Window aggregate 2 → 4, Kafka sink 1 → 2)"
                        + " — busy-time-high fired on Window aggregate");
        assertThat(row.direction()).hasValue("up");
        assertGolden("decision-recommendation.json", row);
    }

    @Test
    void aPausedDecisionSaysWhatHoldsIt() {
        Pause pause = new Pause(JobNamePattern.of("orders"), AT.minus(Duration.ofHours(1)), Optional.empty());

        HistoryEntry row = HistoryRows.decision("decision", DECIDED, PROD, Mode.ACT, AT, Optional.of(pause));

        assertThat(row.summary()).endsWith("(paused: " + pause.describe() + ")");
        assertGolden("decision-paused.json", row);
    }

    @Test
    void resolutionRowsSayHowEachEnded() {
        for (Transition.Resolution resolution : Transition.Resolution.values()) {
            HistoryEntry row = HistoryRows.resolved(
                    "recommendation-resolved",
                    new Transition.Resolved(ORDERS, PROD, Mode.RECOMMEND, UP, resolution),
                    AT);

            assertThat(row.summary()).isEqualTo("orders: the up recommendation 2 → 4 " + resolution.wording());
            assertGolden(
                    "resolved-"
                            + resolution
                                    .name()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', '-') + ".json",
                    row);
        }
    }

    @Test
    void findingRowsCarryTheFindingsFigures() {
        List<Finding> findings = List.of(
                new Finding.Skew(WINDOW.vertex().value(), WINDOW.name(), 900, 300, 2),
                new Finding.PartitionBound(SINK.vertex().value(), "Kafka source", 8, 8, List.of("orders")),
                new Finding.CpuSaturated(0.97, 0.9, Optional.of(0)));
        for (Finding finding : findings) {
            HistoryEntry row = HistoryRows.finding(DECIDED, finding, PROD, Mode.ACT, AT);

            assertThat(row.summary()).isEqualTo("orders: " + finding.text());
            assertThat(row.kind()).isEqualTo("finding");
            assertGolden("finding-" + finding.kind() + ".json", row);
        }
    }

    @Test
    void rescaleRowsForEveryEventKind() {
        RescaleSubject subject = new RescaleSubject(
                PROD.orElseThrow(),
                ORDERS,
                "busy window",
                ParallelismChanges.of(WINDOW, SINK),
                Optional.of(new OperationId("op-7")),
                Optional.of(RescaleStrategy.SAVEPOINT_REDEPLOY),
                Optional.empty());
        JobId newJob = new JobId("f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0");
        StepTimings timings = new StepTimings(
                Map.of(Step.SAVEPOINT, Duration.ofMillis(4200), Step.RUNNING, Duration.ofMillis(9100)),
                Optional.of(Duration.ofMillis(15300)));
        Map<String, RescaleEvent> events = Map.of(
                "started",
                new RescaleEvent.Started(subject, AT, subject.changes()),
                "resumed",
                new RescaleEvent.Resumed(subject, AT, OperationState.SAVEPOINT_TAKEN),
                "savepoint-taken",
                new RescaleEvent.SavepointTaken(subject, AT, "file:///savepoints/sp-1"),
                "succeeded",
                new RescaleOutcome.Succeeded(
                        subject,
                        AT,
                        newJob,
                        Map.of(WINDOW.vertex(), 4, SINK.vertex(), 2),
                        Optional.of("file:///savepoints/sp-1"),
                        timings),
                "blocked",
                new RescaleOutcome.Blocked(subject, AT, PreflightGuard.CHECKPOINT_AGE, "last checkpoint 20m ago"),
                "aborted",
                new RescaleOutcome.Aborted(subject, AT, "the savepoint failed: checkpoint declined", timings),
                "rolled-back",
                new RescaleOutcome.RolledBack(
                        subject, AT, "new job failed", newJob, Optional.of("file:///savepoints/sp-1"), timings),
                "failed",
                new RescaleOutcome.Failed(
                        subject,
                        AT,
                        "Flink did not answer",
                        Optional.empty(),
                        Optional.of("file:///savepoints/sp-1"),
                        true,
                        timings),
                "job-left-stopped",
                new RescaleOutcome.JobLeftStopped(
                        subject, AT, "resubmission failed 3 times", "file:///savepoints/sp-1", timings),
                "dry-run",
                new RescaleOutcome.DryRun(
                        subject,
                        AT,
                        subject.changes(),
                        List.of(new RestCall(
                                "PATCH", "/jobs/" + ORDERS.id().value(), Optional.empty(), Optional.empty()))));
        events.forEach((name, event) -> {
            HistoryEntry row = HistoryRows.rescale(event);

            assertThat(row.kind()).isEqualTo(event.kind().historyName());
            assertThat(row.summary()).startsWith("orders: " + event.kind().historyName() + " ");
            assertThat(row.currentParallelism()).hasValue(2);
            assertThat(row.targetParallelism()).hasValue(4);
            assertGolden("rescale-" + name + ".json", row);
        });
    }

    /** The row as one JSON document: its columns, with {@code details} parsed, so the golden file shows both. */
    private static void assertGolden(String name, HistoryEntry row) {
        ObjectNode document = Json.mapper().createObjectNode();
        document.put("kind", row.kind());
        document.put("mode", row.mode());
        row.direction().ifPresent(direction -> document.put("direction", direction));
        row.currentParallelism().ifPresent(from -> document.put("from", from));
        row.targetParallelism().ifPresent(to -> document.put("to", to));
        document.put("summary", row.summary());
        try {
            JsonNode details = Json.mapper().readTree(row.details());
            document.set("details", details);
        } catch (java.io.IOException e) {
            throw new AssertionError("details is not JSON: " + row.details(), e);
        }
        Golden.assertMatches("history/" + name, document);
    }
}

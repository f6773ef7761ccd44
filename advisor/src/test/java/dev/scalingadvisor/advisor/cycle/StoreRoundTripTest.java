package dev.scalingadvisor.advisor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.scalingadvisor.advisor.state.DecisionHistory;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.advisor.state.StateDatabase;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.explain.Explanation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every finding and every rescale event (each outcome type) goes through the decision history as it is written in
 * a cycle and comes back whole: the store's JSON is the one {@link Json} mapping, so an {@code Optional} or a new
 * field cannot fail a cycle (issue 14, defect 0: {@code CpuSaturated.freeSlots} did, every cycle). The sample lists
 * are checked against the sealed types, so a new finding or outcome without a sample fails here.
 */
class StoreRoundTripTest {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");
    private static final JobRef JOB = new JobRef(new JobId("a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"), "orders");
    private static final ParallelismChanges CHANGES =
            ParallelismChanges.of(new ParallelismChange(new VertexId("v1"), "counter", 2, 4));
    private static final RescaleSubject SUBJECT = new RescaleSubject(
            new ClusterName("prod"),
            JOB,
            "backpressure",
            CHANGES,
            Optional.of(OperationId.random()),
            Optional.of(RescaleStrategy.SAVEPOINT_REDEPLOY),
            Optional.empty());
    private static final StepTimings TIMINGS =
            new StepTimings(Map.of(Step.SAVEPOINT, Duration.ofMillis(1500)), Optional.of(Duration.ofSeconds(3)));

    private static final List<Finding> FINDINGS = List.of(
            new Finding.Skew("v1", "counter", 900, 300, 3),
            new Finding.IneffectiveScaleUp("v1", "counter", 2, 4, 100, 105, 2, 1.05, "a source", AT.plusSeconds(600)),
            new Finding.PartitionBound("v0", "source", 8, 8, List.of("orders")),
            new Finding.CpuSaturated(0.97, 0.99, Optional.of(3)),
            new Finding.CpuSaturated(0.97, 0.99, Optional.empty()));

    private static final List<RescaleEvent> EVENTS = List.of(
            new RescaleEvent.Started(SUBJECT, AT, CHANGES),
            new RescaleEvent.Resumed(SUBJECT, AT, OperationState.SAVEPOINT_TAKEN),
            new RescaleEvent.SavepointTaken(SUBJECT, AT, "file:/savepoints/sp-1"),
            new RescaleOutcome.Succeeded(
                    SUBJECT,
                    AT,
                    new JobId("b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0"),
                    Map.of(new VertexId("v1"), 4),
                    Optional.of("file:/savepoints/sp-1"),
                    TIMINGS),
            new RescaleOutcome.Blocked(SUBJECT, AT, PreflightGuard.CONCURRENCY, "another rescale runs"),
            new RescaleOutcome.Aborted(SUBJECT, AT, "the savepoint failed", TIMINGS),
            new RescaleOutcome.RolledBack(
                    SUBJECT,
                    AT,
                    "the job restarted",
                    new JobId("c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0"),
                    Optional.of("file:/savepoints/sp-1"),
                    TIMINGS),
            new RescaleOutcome.Failed(
                    SUBJECT, AT, "Flink did not answer", Optional.of(JOB.id()), Optional.empty(), true, TIMINGS),
            new RescaleOutcome.JobLeftStopped(SUBJECT, AT, "resubmission failed", "file:/savepoints/sp-1", TIMINGS),
            new RescaleOutcome.DryRun(SUBJECT, AT, CHANGES, List.of(RestCall.get("/jobs/overview"))));

    @TempDir
    Path dir;

    @Test
    void everyFindingTypeIsStoredAndReadBackWhole() throws Exception {
        assertThat(FINDINGS.stream().map(Object::getClass).distinct())
                .as("a sample of every finding type")
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(Finding.class.getPermittedSubclasses()));
        List<HistoryEntry> read = roundTrip(FINDINGS.stream()
                .map(f -> HistoryRows.finding(evaluationOf(), f, Optional.of(SUBJECT.cluster()), Mode.ACT, AT))
                .toList());

        for (int i = 0; i < FINDINGS.size(); i++) {
            Finding finding = FINDINGS.get(i);
            JsonNode details = JSON.readTree(read.get(i).details());
            assertThat(details).as(finding.toString()).isEqualTo(JSON.valueToTree(finding));
            assertThat(details.get("kind").asText()).isEqualTo(finding.kind());
            assertThat(details.get("text").asText()).isEqualTo(finding.text());
            assertThat(read.get(i).summary()).isEqualTo("orders: " + finding.text());
        }
        JsonNode saturated = JSON.readTree(read.get(3).details());
        assertThat(saturated.get("freeSlots").asInt()).isEqualTo(3);
    }

    @Test
    void everyRescaleEventAndOutcomeTypeIsStoredAndReadBackWhole() throws Exception {
        assertThat(EVENTS.stream()
                        .map(Object::getClass)
                        .filter(c -> !RescaleOutcome.class.isAssignableFrom(c))
                        .distinct())
                .as("a sample of every rescale event type")
                .hasSize(RescaleEvent.class.getPermittedSubclasses().length - 1);
        assertThat(EVENTS.stream().map(Object::getClass).filter(RescaleOutcome.class::isAssignableFrom))
                .as("a sample of every outcome type")
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(RescaleOutcome.class.getPermittedSubclasses()));
        List<HistoryEntry> read =
                roundTrip(EVENTS.stream().map(HistoryRows::rescale).toList());

        for (int i = 0; i < EVENTS.size(); i++) {
            RescaleEvent event = EVENTS.get(i);
            HistoryEntry entry = read.get(i);
            assertThat(entry).as(event.toString()).isEqualTo(HistoryRows.rescale(event));
            assertThat(entry.kind()).isEqualTo(event.kind().historyName());
            JsonNode details = JSON.readTree(entry.details());
            assertThat(details.get("operation").asText())
                    .isEqualTo(SUBJECT.operation().orElseThrow().toString());
            assertThat(details.get("vertices").get(0).get("name").asText()).isEqualTo("counter");
            if (event instanceof RescaleOutcome outcome) {
                assertThat(entry.summary()).contains(outcome.consequence());
                outcome.savepoint()
                        .ifPresent(s ->
                                assertThat(details.get("savepoint").asText()).isEqualTo(s));
            }
        }
    }

    private static JobEvaluation evaluationOf() {
        return new JobEvaluation(
                JOB,
                JobPhase.STEADY,
                JobPhase.STEADY,
                List.of(),
                Decision.none(2, new Explanation(List.of())),
                FINDINGS);
    }

    /** Writes the rows as the cycle does, reopens the database and reads them back in the order written. */
    private List<HistoryEntry> roundTrip(List<HistoryEntry> rows) throws Exception {
        Path database = dir.resolve("state.db");
        try (StateDatabase db = StateDatabase.open(database)) {
            DecisionHistory history = new DecisionHistory(db.connection());
            for (HistoryEntry row : rows) {
                history.append(row);
            }
        }
        try (StateDatabase db = StateDatabase.open(database)) {
            List<HistoryEntry> newestFirst =
                    new DecisionHistory(db.connection()).recent(Optional.empty(), Optional.empty(), rows.size() + 1);
            assertThat(newestFirst).hasSize(rows.size());
            List<HistoryEntry> inOrder = new ArrayList<>(newestFirst);
            Collections.reverse(inOrder);
            return inOrder;
        }
    }
}

package dev.scalingadvisor.advisor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.rescale.OperationId;
import dev.scalingadvisor.actions.rescale.OperationState;
import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.RescaleSubject;
import dev.scalingadvisor.actions.rescale.StepTimings;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.ConfigLoader;
import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.EventText;
import dev.scalingadvisor.alerting.webhook.WebhookPayload;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.outcome.Severity;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the executor's events become as notifications, without the decision that asked for the rescale. */
class EventMapperTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:15:30Z");
    private static final ClusterName CLUSTER = new ClusterName("prod");
    private static final JobRef JOB = new JobRef(new JobId("a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4"), "orders-enrichment");
    private static final ParallelismChange WINDOW =
            new ParallelismChange(new VertexId("bc764cd8ddf7a0cff126f51c16239658"), "Window aggregate", 2, 4);
    private static final ParallelismChange SINK =
            new ParallelismChange(new VertexId("0a448493b4782967b150582570326227"), "Kafka sink", 1, 2);

    @TempDir
    Path dir;

    private EventMapper mapper;

    @BeforeEach
    void config() throws IOException {
        Path file = dir.resolve("advisor.yaml");
        Files.writeString(file, """
                mode: act
                prometheus: {url: "http://127.0.0.1:9090"}
                flink:
                  clusters:
                    - name: prod
                      restUrl: http://127.0.0.1:8081
                      webUrl: https://flink.example.com
                """);
        AdvisorConfig config = new ConfigLoader(Map.of(), ZoneId.of("UTC")).load(file);
        mapper = new EventMapper(config);
    }

    @Test
    void aRescaleRecoveredFromTheJournalNamesItsVerticesByName() {
        // Recovered after a restart: the journal's plan, no decision of this run (no context).
        RescaleSubject recovered = subject(Optional.of(new OperationId("op-7")));
        RescaleOutcome succeeded = new RescaleOutcome.Succeeded(
                recovered,
                AT,
                new JobId("f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0"),
                Map.of(WINDOW.vertex(), 4, SINK.vertex(), 2),
                Optional.of("file:///savepoints/sp-1"),
                StepTimings.none());

        Event event = mapper.rescale(succeeded).orElseThrow();

        assertThat(event.kind()).isEqualTo(EventKind.RESCALE_SUCCEEDED);
        assertThat(event.rules()).as("no decision of this run explains it").isEmpty();
        assertThat(EventText.headline(event)).isEqualTo("Rescaled orders-enrichment: 2 → 4");
        assertThat(EventText.explanation(event)).contains("- Window aggregate 2 → 4", "- Kafka sink 1 → 2");
        assertThat(WebhookPayload.of(event).toString())
                .contains("\"name\":\"Window aggregate\"", "\"name\":\"Kafka sink\"");
        assertThat(event.flinkJobUrl())
                .hasValue(URI.create(
                        "https://flink.example.com/#/job/running/" + JOB.id().value() + "/overview"));
        assertThat(event.dedupKey()).endsWith("/op-7");
    }

    @Test
    void aResumedRescaleSaysWhereItResumedFrom() {
        Event event = mapper.rescale(new RescaleEvent.Resumed(
                        subject(Optional.of(new OperationId("op-8"))), AT, OperationState.SAVEPOINT_TAKEN))
                .orElseThrow();

        assertThat(event.guards()).singleElement().satisfies(guard -> {
            assertThat(guard.name()).isEqualTo("recovery");
            assertThat(guard.reason()).isEqualTo("resumed from step savepoint-taken of the journal");
        });
    }

    @Test
    void aBlockedRescaleIsOneNotificationPerGuardNotPerCycle() {
        Event first = mapper.rescale(new RescaleOutcome.Blocked(
                        subject(Optional.empty()), AT, PreflightGuard.CHECKPOINT_AGE, "last checkpoint 20m ago"))
                .orElseThrow();
        Event later = mapper.rescale(new RescaleOutcome.Blocked(
                        subject(Optional.empty()),
                        AT.plusSeconds(60),
                        PreflightGuard.CHECKPOINT_AGE,
                        "last checkpoint 21m ago"))
                .orElseThrow();

        assertThat(first.kind()).isEqualTo(EventKind.RESCALE_BLOCKED);
        assertThat(first.severity()).isEqualTo(Severity.WARNING);
        assertThat(first.dedupKey()).isEqualTo(later.dedupKey()).endsWith("/checkpoint-age");
        assertThat(first.guards())
                .singleElement()
                .satisfies(guard -> assertThat(guard.passed()).isFalse());
    }

    @Test
    void aTakenSavepointIsNoNotification() {
        assertThat(mapper.rescale(new RescaleEvent.SavepointTaken(
                        subject(Optional.of(new OperationId("op-9"))), AT, "file:///savepoints/sp-2")))
                .isEmpty();
    }

    private static RescaleSubject subject(Optional<OperationId> operation) {
        return new RescaleSubject(
                CLUSTER,
                JOB,
                "busy window",
                ParallelismChanges.of(WINDOW, SINK),
                operation,
                Optional.of(RescaleStrategy.SAVEPOINT_REDEPLOY),
                Optional.empty());
    }
}

package dev.scalingadvisor.rules.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.decision.BacklogTrend;
import dev.scalingadvisor.rules.decision.GuardHold;
import dev.scalingadvisor.rules.decision.JobMemory;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.decision.PendingScaleDown;
import dev.scalingadvisor.rules.decision.ScaleUpRecord;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.rule.RuleTimer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineStateJsonTest {

    private static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");

    static EngineState sample() {
        RuleTimer firing = new RuleTimer(
                RuleStatus.FIRING,
                Optional.of(AT.minusSeconds(600)),
                Optional.of(AT.minusSeconds(300)),
                Optional.empty(),
                Optional.of(952.0),
                Optional.empty());
        ScaleUpRecord record = new ScaleUpRecord(
                "counter",
                2,
                4,
                Optional.of(1000.0),
                AT.minusSeconds(3500),
                Optional.of(AT.plusSeconds(3600)),
                Optional.of(new ScaleUpRecord.Verdict(1020, "TaskManager CPU")));
        JobMemory job = new JobMemory(
                Map.of(
                        new RuleName("backpressure"),
                        firing,
                        new RuleName("cpu"),
                        RuleTimer.unknown("no series for this job")),
                JobPhase.UP_CANDIDATE,
                Optional.of(new PendingScaleDown(
                        AT.minusSeconds(60),
                        List.of(new PendingScaleDown.Targets(AT.minusSeconds(15), Map.of(new VertexId("v1"), 3))))),
                Optional.of(AT.minusSeconds(7200)),
                Optional.of(AT.minusSeconds(3500)),
                Map.of(new VertexId("v1"), 4),
                Optional.of(AT.minusSeconds(15)),
                Map.of(new VertexId("v1"), 1020.0),
                Map.of(new VertexId("v1"), record),
                AT,
                Optional.of(new GuardHold(AT.minusSeconds(600), 0.95, Optional.of(AT.minusSeconds(30)))),
                Map.of(new VertexId("v1"), new GuardHold(AT.minusSeconds(300), 2.3, Optional.empty())),
                Optional.of(new BacklogTrend(
                        Optional.of(new BacklogTrend.Mark(52_000, AT.minusSeconds(90))),
                        new BacklogTrend.Mark(46_000, AT.minusSeconds(30)))));
        return new EngineState(EngineState.CURRENT_VERSION, Optional.of(AT), Map.of(new JobId("a1b2"), job));
    }

    @Test
    void roundTripsEverythingTheEngineRemembers() {
        EngineState state = sample();

        assertThat(EngineStateJson.read(EngineStateJson.write(state))).isEqualTo(state);
    }

    @Test
    void isPlainReadableJson() {
        String json = EngineStateJson.write(sample());

        assertThat(json)
                .startsWith(
                        "{\"version\":2,\"at\":\"2025-03-01T12:00:00Z\",\"jobs\":{\"a1b2\":{\"rules\":{\"backpressure\":"
                                + "{\"status\":\"firing\",\"activeSince\":\"2025-03-01T11:50:00Z\",\"firingSince\":\"2025-03-01T11:55:00Z\","
                                + "\"clearingSince\":null,\"lastValue\":952.0,\"unknownReason\":null}");
        assertThat(json)
                .contains(
                        "\"pendingScaleDown\":{\"since\":\"2025-03-01T11:59:00Z\",\"recent\":[{\"at\":\"2025-03-01T11:59:45Z\",\"targets\":{\"v1\":3}}]}");
        assertThat(json).contains("\"phase\":\"up-candidate\"");
    }

    @Test
    void readsTheJavaNamesOfEnumsThatStateSavedBeforeTheOneSpellingHolds() {
        String saved = EngineStateJson.write(sample())
                .replace("\"firing\"", "\"FIRING\"")
                .replace("\"up-candidate\"", "\"UP_CANDIDATE\"");

        assertThat(EngineStateJson.read(saved)).isEqualTo(sample());
    }

    @Test
    void readsStateSavedBeforeGuardsHadHysteresisAsNothingHeld() throws Exception {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.scalingadvisor.core.json.Json.mapper().readTree(EngineStateJson.write(sample()));
        var job = (com.fasterxml.jackson.databind.node.ObjectNode)
                tree.path("jobs").path("a1b2");
        job.remove("cpuSaturated");
        job.remove("skew");

        JobMemory read =
                EngineStateJson.read(tree.toString()).job(new JobId("a1b2")).orElseThrow();

        assertThat(read.cpuSaturated()).isEmpty();
        assertThat(read.skew()).isEmpty();
        assertThat(read.scaleUps())
                .isEqualTo(sample().job(new JobId("a1b2")).orElseThrow().scaleUps());
    }

    @Test
    void refusesAStateItCannotReadWithAClearMessage() {
        assertThatThrownBy(() -> EngineStateJson.read("{\"version\":99,\"at\":null,\"jobs\":{}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the saved engine state has format version 99; this advisor reads version 2");
        assertThatThrownBy(() -> EngineStateJson.read(
                        "{\"version\":2,\"jobs\":{\"a\":{\"rules\":{\"x\":{\"status\":\"FIRING\"}}}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the saved engine state cannot be read:");
        assertThatThrownBy(() -> EngineStateJson.read("not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the saved engine state cannot be read:");
    }
}

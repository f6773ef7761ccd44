package dev.scalingadvisor.testbed.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorDecision;
import dev.scalingadvisor.testbed.flink.JobVertex;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSummaryTest {

    @TempDir
    Path dir;

    @Test
    void passesOnlyWithAScaleUpAndDownInFlinkAndInTheAdvisorsHistoryAndNoStateLost() throws Exception {
        DemoRecord record = fullRun();

        DemoSummary summary = new DemoSummary(record, false, new RunDirectory(dir));
        String printed = print(summary);

        assertThat(summary.passed()).as(printed).isTrue();
        assertThat(printed)
                .contains(
                        "Result       PASSED",
                        "Scale-up     03:10  count-per-key 1 → 2 1m55s into the surge; not running 9.5 s",
                        "advisor: rescale-succeeded up 1 → 2: Scaled up",
                        "Decisions    4 in the advisor's history: 2 rescale-started, 2 rescale-succeeded",
                        "State check  PASSED: 1,000 records produced");
    }

    @Test
    void namesWhatIsMissingWhenTheAdvisorDidNotAct() throws Exception {
        DemoRecord record = new DemoRecord();
        record.stateCheck(DemoRecord.StateCheck.of(new LoadJobState(1000, 1000, 1000, 0, 0, 1000, 10)));
        record.advisorReadiness("NOT ready at the end: /readyz 503 not ready: the rule engine is not wired in yet");

        DemoSummary summary = new DemoSummary(record, false, new RunDirectory(dir));
        String printed = print(summary);

        assertThat(summary.passed()).isFalse();
        assertThat(summary.missing()).containsExactly("no scale-up in Flink", "no scale-down in Flink");
        assertThat(printed).contains("Decisions    none", "Advisor      NOT ready at the end");
    }

    @Test
    void aRescaleTheAdvisorDidNotRecordOrLostStateFailsTheRun() {
        DemoRecord record = fullRun();
        record.decisions(List.of());
        record.stateCheck(DemoRecord.StateCheck.of(new LoadJobState(1000, 1000, 990, 1, 0, 1000, 10)));
        record.leftovers(List.of("4242 java -jar x"));

        DemoSummary summary = new DemoSummary(record, false, new RunDirectory(dir));

        assertThat(summary.missing())
                .containsExactly(
                        "Flink showed a scale-up but the advisor's history has no rescale-succeeded for it",
                        "Flink showed a scale-down but the advisor's history has no rescale-succeeded for it",
                        "state check not passed",
                        "1 process(es) left behind");
        assertThat(new DemoSummary(fullRun(), true, new RunDirectory(dir)).passed())
                .as("an interrupted run never passes")
                .isFalse();
    }

    private DemoRecord fullRun() {
        DemoRecord record = new DemoRecord();
        record.phaseStarted("surge", Duration.ofSeconds(75));
        record.phaseStarted("calm", Duration.ofSeconds(300));
        record.rescaleSeen(rescale(1, 2), Duration.ofSeconds(190));
        record.rescaleSeen(rescale(2, 1), Duration.ofSeconds(420));
        record.decisions(List.of(
                entry("rescale-started", "up", 1, 2),
                entry("rescale-succeeded", "up", 1, 2),
                entry("rescale-started", "down", 2, 1),
                entry("rescale-succeeded", "down", 2, 1)));
        record.stateCheck(DemoRecord.StateCheck.of(new LoadJobState(1000, 1000, 1000, 0, 0, 1000, 10)));
        return record;
    }

    private static JobWatcher.Rescale rescale(int from, int to) {
        return new JobWatcher.Rescale(
                0,
                "a",
                "b",
                List.of(new JobVertex("h", "count-per-key", from, "RUNNING")),
                List.of(new JobVertex("h", "count-per-key", to, "RUNNING")),
                Duration.ofMillis(9500));
    }

    private static AdvisorDecision entry(String kind, String direction, int current, int target) {
        return new AdvisorDecision(
                Instant.now(),
                Optional.of("demo"),
                "b",
                "demo-orders",
                kind,
                Optional.of(direction),
                OptionalInt.of(current),
                OptionalInt.of(target),
                "act",
                (direction.equals("up") ? "Scaled up" : "Scaled down") + " demo-orders",
                JsonNodeFactory.instance.objectNode());
    }

    private String print(DemoSummary summary) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DemoConsole console = new DemoConsole(
                new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("t.log"), System::nanoTime)) {
            summary.print(console);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

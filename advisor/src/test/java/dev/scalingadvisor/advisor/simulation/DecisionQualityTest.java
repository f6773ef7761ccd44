package dev.scalingadvisor.advisor.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.backtest.SvgChart;
import dev.scalingadvisor.advisor.config.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision-quality scoreboard: every named scenario run through the closed loop (the real engine and tell-once
 * on a simulated job, simulated time), its outcome checked against what a person would call right, and the scores
 * compared with the table in docs/decision-quality.md, so a change that moves a score must update the document.
 * Regenerate the document's table and charts with
 * {@code ./mvnw -pl advisor test -Dtest=DecisionQualityTest -Ddecision-quality.write=true}.
 */
class DecisionQualityTest {

    private static final Path DOC = Path.of("..", "docs", "decision-quality.md");
    private static final Path CHARTS = Path.of("..", "docs", "decision-quality");

    /** Runs are deterministic (seeded, simulated time), so each scenario runs once for all the tests here. */
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    private static Run run(Scenario scenario) {
        return RUNS.computeIfAbsent(scenario.name(), name -> ClosedLoop.run(scenario));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void endsAtTheWantedParallelismWithoutFlipsOrBlindDecisions(Scenario scenario) {
        Run run = run(scenario);

        assertThat(run.actedOnMissingData())
                .as("decisions told or carried out while the metrics were missing")
                .isZero();
        assertThat(run.flips())
                .as("actions in opposite directions within an hour: %s", run.events())
                .isZero();
        assertThat(run.finalParallelism())
                .as("parallelism at the end, never below the wanted one: %s", Scoreboard.events(run))
                .isBetween(scenario.wantedParallelism(), scenario.host().slots());
        assertThat(run.actions())
                .as("rescales (act) or told decisions: %s", Scoreboard.events(run))
                .hasSizeLessThanOrEqualTo(scenario.maxRescales());
    }

    @Test
    void theSaturatedHostEndsAtTwoWithOneCpuSaturatedFindingToldOnce() {
        Run run = run(Scenarios.saturatedHost());

        assertThat(run.events(Run.Kind.RESCALED)).hasSize(1);
        assertThat(run.events(Run.Kind.RESCALED).get(0).what()).isEqualTo("1→2");
        assertThat(run.finalParallelism()).isEqualTo(2);
        assertThat(run.events(Run.Kind.FINDING)).extracting(Run.Event::what).containsExactly("cpu-saturated");
    }

    @Test
    void aSaturatedHostWatchedForHoursIsToldOnceAndNeverFlips() {
        Run run = run(Scenarios.saturatedHostObserved());

        assertThat(run.scenario().mode()).isEqualTo(Mode.OBSERVE);
        assertThat(run.events(Run.Kind.FINDING)).extracting(Run.Event::what).containsExactly("cpu-saturated");
        assertThat(run.events(Run.Kind.FINDING_CLEARED)).isEmpty();
        assertThat(run.events(Run.Kind.TOLD)).isEmpty();
        assertThat(run.events(Run.Kind.RESOLVED)).isEmpty();
    }

    @Test
    void withoutTheGuardsHysteresisTheSaturatedHostGetsAUselessScaleUpRecommended() {
        Run before = run(Scenarios.saturatedHostObservedWithoutGuardHysteresis());

        assertThat(before.events(Run.Kind.TOLD))
                .as("a reading below 0.9 clears the guard and the scale-up into the same cores is told")
                .isNotEmpty();
    }

    @Test
    void theSameScenarioAndSeedGiveTheSameRun() {
        Run first = run(Scenarios.shortSpike());
        Run second = ClosedLoop.run(Scenarios.shortSpike());

        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.ticks()).isEqualTo(first.ticks());
    }

    @Test
    void theDocumentShowsTheseScores() throws IOException {
        List<Run> runs = Stream.concat(Scenarios.all().stream(), Scenarios.comparisons().stream())
                .map(DecisionQualityTest::run)
                .toList();
        String table = Scoreboard.table(runs);
        if (Boolean.getBoolean("decision-quality.write")) {
            write(runs, table);
        }
        String doc = Files.readString(DOC);
        String shown = doc.substring(
                        doc.indexOf(Scoreboard.BEGIN) + Scoreboard.BEGIN.length(), doc.indexOf(Scoreboard.END))
                .strip();
        assertThat(shown)
                .as("docs/decision-quality.md's scoreboard; regenerate it with -Ddecision-quality.write=true")
                .isEqualTo(table.strip());
    }

    private static void write(List<Run> runs, String table) throws IOException {
        Files.createDirectories(CHARTS);
        StringBuilder events = new StringBuilder();
        for (Run run : runs) {
            Files.writeString(CHARTS.resolve(run.scenario().name() + ".svg"), SvgChart.of(run.chart()));
        }
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(Scoreboard.BEGIN) + Scoreboard.BEGIN.length();
        int end = doc.indexOf(Scoreboard.END);
        Files.writeString(DOC, doc.substring(0, begin) + "\n" + table + doc.substring(end));
        System.out.println(table);
        for (Run run : runs) {
            events.append("## ").append(run.scenario().name()).append('\n').append(Scoreboard.events(run));
        }
        System.out.println(events);
    }
}

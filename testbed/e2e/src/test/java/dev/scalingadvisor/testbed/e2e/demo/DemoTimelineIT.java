package dev.scalingadvisor.testbed.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.ScrapedFlinkExtension;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.loadjob.Submission;
import dev.scalingadvisor.testbed.process.Waits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's timeline, rescale watch and calibration on a real cluster, without the advisor: at the scenario's
 * surge rate the load job is saturated, the rows show its backpressure, busy time and parallelism, and the demo
 * pack's backpressure rule would fire; a savepoint-redeploy rescale (made here, as the advisor makes it) is seen
 * in Flink with its downtime; at the scenario's calm rate the pack's scale-down rule would fire with every
 * up-rule known and quiet; and no record is lost.
 */
class DemoTimelineIT {

    private static final Duration POLL_PAUSE = Duration.ofMillis(500);

    @RegisterExtension
    static ScrapedFlinkExtension testbed = new ScrapedFlinkExtension(
            FlinkClusterOptions.defaults().withTaskManagers(1).withSlotsPerTaskManager(2));

    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration CALM_TIMEOUT = Duration.ofSeconds(240);

    @Test
    void showsLoadBackpressureBusyTimeAndParallelismSeesARescaleAndReachesTheScaleDownCondition(@TempDir Path dir) {
        FlinkCluster cluster = testbed.cluster();
        Scenario scenario = Scenario.load();
        DemoRulePack pack = DemoRulePack.load();
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        try (DemoConsole console = new DemoConsole(
                        new PrintStream(terminal, true, StandardCharsets.UTF_8),
                        dir.resolve("demo.log"),
                        System::nanoTime);
                LoadJob load = LoadJob.create(LoadJobOptions.defaults().withJobName("timeline-orders"))) {
            // Given the load job at the demo's surge rate at parallelism 1, watched and printed as the demo does
            load.setRate(scenario.surgeRate());
            String first = load.submitAndAwaitRunning(cluster, Submission.parallelism(1), Duration.ofSeconds(120));
            JobWatcher watcher = new JobWatcher(
                    cluster.rest(), "timeline-orders", Duration.ofMillis(500), System::nanoTime, rescale -> {});
            Timeline timeline =
                    new Timeline(console, load, watcher, testbed.prometheus().queries(), Duration.ofSeconds(2));
            watcher.start();
            timeline.start();
            try {
                // Then the rows show the source backpressured and the heavy operator busy, at parallelism 1 everywhere
                Timeline.Row saturated = awaitRow(
                        timeline,
                        row -> value(row.backPressure()) > 500 && value(row.busy()) > 900,
                        "the source backpressured over 500 ms/s and count-per-key busy over 900 ms/s");
                assertThat(saturated.parallelism()).isEqualTo("1 / 1 / 1");
                assertThat(saturated.offered()).isEqualTo(scenario.surgeRate());
                assertThat(saturated.lag()).isPositive();

                // And the demo pack's backpressure rule would fire, its scale-down rule would not, and every rule knows
                // the job
                Map<String, Double> surge = pack.valuesFor(testbed.prometheus().queries(), first);
                assertThat(surge).as("demo pack values at the surge").doesNotContainValue(Double.NaN);
                assertThat(pack.rule("backpressure").firing(surge.get("backpressure")))
                        .as("backpressure fires: %s", surge)
                        .isTrue();
                assertThat(pack.rule("busy-low").firing(surge.get("busy-low")))
                        .as("busy-low quiet: %s", surge)
                        .isFalse();

                // When the job is rescaled through a savepoint, count-per-key to 2, as the advisor's savepoint-redeploy
                // does
                String heavy =
                        cluster.rest().vertex(first, LoadJob.HEAVY_OPERATOR).id();
                String savepoint = load.stopWithSavepoint(cluster, Duration.ofSeconds(90));
                String second = load.submitAndAwaitRunning(
                        cluster,
                        Submission.parallelism(1).fromSavepoint(savepoint).withVertexParallelism(heavy, 2),
                        Duration.ofSeconds(120));

                // Then the watcher saw the scale-up in Flink, with the downtime between the two runs
                awaitTrue(() -> watcher.hasScaled(JobWatcher.Direction.UP), "the scale-up seen by the watcher");
                JobWatcher.Rescale rescale = watcher.rescales().get(0);
                assertThat(rescale.changes()).isEqualTo("count-per-key 1 → 2");
                assertThat(rescale.fromJobId()).isEqualTo(first);
                assertThat(rescale.toJobId()).isEqualTo(second);
                assertThat(rescale.downtime()).isPositive().isLessThan(Duration.ofSeconds(120));
                awaitRow(timeline, row -> row.parallelism().equals("1 / 2 / 1"), "a row at the new parallelism");

                // When the load drops to the demo's calm rate, then the pack's scale-down rule fires and every up-rule
                // is known and quiet
                load.setRate(scenario.calmRate());
                Map<String, Double> calm = awaitValues(
                        pack,
                        second,
                        values -> pack.rules().stream()
                                .allMatch(rule -> rule.direction().equals("down")
                                        ? rule.firing(values.get(rule.name()))
                                        : rule.quiet(values.get(rule.name()))));
                System.out.printf(
                        "[demo calibration] surge %.0f/s at parallelism 1: %s; calm %.0f/s at parallelism 2: %s%n",
                        scenario.surgeRate(), surge, scenario.calmRate(), calm);
            } finally {
                timeline.close();
                watcher.close();
            }

            // And the state is intact after the rescale
            load.setRate(0);
            LoadJobState drained = load.awaitDrained(Duration.ofSeconds(180));
            assertThat(drained.noStateLost())
                    .as("state after drain: %s", drained)
                    .isTrue();
        }
        String printed = terminal.toString(StandardCharsets.UTF_8);
        assertThat(printed).startsWith(Timeline.HEADER);
        assertThat(printed.lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(DemoConsole.WIDTH));
    }

    private static Timeline.Row awaitRow(Timeline timeline, Predicate<Timeline.Row> test, String what) {
        Instant deadline = Instant.now().plus(SIGNAL_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<Timeline.Row> row = timeline.rows().stream().filter(test).findFirst();
            if (row.isPresent()) {
                return row.get();
            }
            Waits.sleep(POLL_PAUSE);
        }
        throw new AssertionError("no timeline row with " + what + " within " + SIGNAL_TIMEOUT.toSeconds()
                + " s; rows:\n"
                + String.join(
                        "\n", timeline.rows().stream().map(Timeline.Row::format).toList()));
    }

    private static Map<String, Double> awaitValues(
            DemoRulePack pack, String jobId, Predicate<Map<String, Double>> test) {
        Instant deadline = Instant.now().plus(CALM_TIMEOUT);
        Map<String, Double> values = pack.valuesFor(testbed.prometheus().queries(), jobId);
        while (!test.test(values)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "the demo pack did not reach the scale-down condition within " + CALM_TIMEOUT.toSeconds()
                                + " s (busy-low firing, every up-rule past its clear value); last values: " + values);
            }
            Waits.sleep(POLL_PAUSE);
            values = pack.valuesFor(testbed.prometheus().queries(), jobId);
        }
        return values;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(SIGNAL_TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Waits.sleep(POLL_PAUSE);
        }
    }

    private static double value(java.util.OptionalDouble value) {
        return value.orElse(Double.NaN);
    }
}

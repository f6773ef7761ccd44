package dev.scalingadvisor.actions.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.rescale.JournalEntry;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.Step;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.testbed.flink.FlinkClusterExtension;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.TestbedBuild;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.process.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the downtime of in-place and savepoint-redeploy rescales of the same job on the same cluster (the
 * adaptive scheduler, so both strategies apply), three rounds of 1 -> 2 -> 1 each, and the advisor's own share
 * of it. Writes {@code target/benchmarks/rescale-downtime.md}; docs/BENCHMARKS.md reports a run.
 *
 * <ul>
 *   <li>downtime: as the executor journals it, from the stop request (savepoint-redeploy) or the start of the
 *       adaptive scheduler's restart (in place) until Flink had every subtask RUNNING again;</li>
 *   <li>processing gap: the longest time the job's source did not advance, as the load job itself reports it
 *       (a check of the above from the data's side, at the ~150 ms resolution the job publishes its position);</li>
 *   <li>advisor overhead (savepoint-redeploy): from the old job's end (Flink's FINISHED timestamp) until the
 *       advisor sent the resubmission: the part of the downtime when Flink waited for the advisor. In place,
 *       Flink restarts the job by itself once the requirements are in, so nothing of the advisor is on that path.</li>
 * </ul>
 */
class RescaleDowntimeBenchmarkIT {

    private static final int ROUNDS = 3;
    private static final int COST_ROUNDS = 2;

    @RegisterExtension
    static FlinkClusterExtension flink = new FlinkClusterExtension(FlinkClusterOptions.adaptiveRescalingAfter5s(2));

    @TempDir
    Path dir;

    record Measurement(String strategy, String change, Duration downtime, Duration processingGap, Duration overhead) {}

    @Test
    void inPlaceAndSavepointRedeployDowntimeOfTheSameJob() throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        try (RealRescale real =
                new RealRescale(flink.cluster(), dir, LoadJobOptions.defaults().withJobName("benchmark"))) {
            real.load.setRate(600);
            String job = real.submit(1);
            for (int round = 1; round <= ROUNDS; round++) {
                for (RescaleStrategy strategy : List.of(RescaleStrategy.IN_PLACE, RescaleStrategy.SAVEPOINT_REDEPLOY)) {
                    for (int[] change : new int[][] {{1, 2}, {2, 1}}) {
                        Waits.sleep(Duration.ofSeconds(6));
                        Measured measured = measure(real, job, strategy, change[0], change[1]);
                        measurements.add(measured.measurement());
                        job = measured.job();
                    }
                }
            }
            real.load.setRate(0);
            LoadJobState drained = real.load.awaitDrained(Duration.ofSeconds(120));
            assertThat(drained.noStateLost())
                    .as("state after %d rescales: %s", measurements.size(), drained)
                    .isTrue();
        }
        String report = report(measurements);
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "rescale-downtime.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(measurements)
                .filteredOn(m -> m.strategy().equals("savepoint-redeploy"))
                .allSatisfy(m -> assertThat(m.overhead())
                        .as("the advisor's share of a savepoint-redeploy's downtime")
                        .isLessThan(Duration.ofSeconds(3)));
    }

    private record Measured(Measurement measurement, String job) {}

    private Measured measure(RealRescale real, String job, RescaleStrategy strategy, int from, int to) {
        List<long[]> positions = new CopyOnWriteArrayList<>();
        Thread sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        positions.add(new long[] {
                            System.nanoTime(), real.load.readState().read()
                        });
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "benchmark-sampler");
        sampler.start();
        RescaleOutcome outcome;
        try {
            outcome = real.executor.execute(real.heavy(
                    job,
                    from,
                    to,
                    real.settings()
                            .with(RescaleSettings.STRATEGY, strategy)
                            .with(RescaleSettings.VERIFY_WINDOW, Duration.ofSeconds(3))
                            .with(RescaleSettings.MAX_PER_JOB_PER_HOUR, 60)));
            Waits.sleep(Duration.ofSeconds(1));
        } finally {
            sampler.interrupt();
        }
        assertThat(outcome)
                .as("%s %d -> %d: %s", strategy, from, to, outcome)
                .isInstanceOf(RescaleOutcome.Succeeded.class);
        RescaleOutcome.Succeeded succeeded = (RescaleOutcome.Succeeded) outcome;
        JournalEntry entry =
                real.journal.entry(outcome.subject().operation().orElseThrow()).orElseThrow();
        Duration overhead = Duration.ZERO;
        if (strategy == RescaleStrategy.SAVEPOINT_REDEPLOY) {
            Instant submitted = entry.steps().stream()
                    .filter(s -> s.step() == Step.SUBMIT && s.phase() == JournalEntry.Phase.BEGIN)
                    .reduce((a, b) -> b)
                    .orElseThrow()
                    .at();
            overhead = Duration.between(oldJobFinished(real, job), submitted);
        }
        String name = strategy == RescaleStrategy.IN_PLACE ? "in-place" : "savepoint-redeploy";
        return new Measured(
                new Measurement(
                        name,
                        from + " -> " + to,
                        succeeded.timings().downtime().orElseThrow(),
                        longestGap(positions),
                        overhead),
                succeeded.job().value());
    }

    /** When Flink had the old job FINISHED, on the test's clock (the job details' "now" gives the offset). */
    private static Instant oldJobFinished(RealRescale real, String job) {
        Instant asked = Instant.now();
        JobDetails details = real.client.job(new JobId(job));
        Instant finished = details.lastEntered(JobStatus.FINISHED).orElseThrow();
        return finished.plus(Duration.between(details.now(), asked));
    }

    /** The longest stretch in which the source's read position did not move. */
    private static Duration longestGap(List<long[]> positions) {
        long longest = 0;
        long lastChange = positions.get(0)[0];
        for (int i = 1; i < positions.size(); i++) {
            if (positions.get(i)[1] != positions.get(i - 1)[1]) {
                longest = Math.max(longest, positions.get(i)[0] - lastChange);
                lastChange = positions.get(i)[0];
            }
        }
        return Duration.ofNanos(longest);
    }

    private static String report(List<Measurement> measurements) {
        StringBuilder md = new StringBuilder();
        md.append("Flink ")
                .append(TestbedBuild.flinkVersion())
                .append(", adaptive scheduler, 1 TaskManager with 2 slots, load job at 600 records/s,")
                .append(" poll interval 250 ms, ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores.\n\n");
        md.append(
                "| strategy | change | downtime | longest processing gap | advisor overhead |\n|---|---|---|---|---|\n");
        for (Measurement m : measurements) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.2f s | %.2f s | %s |%n",
                    m.strategy(),
                    m.change(),
                    seconds(m.downtime()),
                    seconds(m.processingGap()),
                    m.strategy().equals("in-place")
                            ? "-"
                            : String.format(Locale.ROOT, "%.2f s", seconds(m.overhead()))));
        }
        for (String strategy : List.of("in-place", "savepoint-redeploy")) {
            List<Measurement> of = measurements.stream()
                    .filter(m -> m.strategy().equals(strategy))
                    .toList();
            md.append(String.format(
                    Locale.ROOT,
                    "%n%s: downtime median %.2f s (min %.2f, max %.2f); processing gap median %.2f s",
                    strategy,
                    median(of.stream().map(Measurement::downtime).toList()),
                    min(of, Measurement::downtime),
                    max(of, Measurement::downtime),
                    median(of.stream().map(Measurement::processingGap).toList())));
            if (strategy.equals("savepoint-redeploy")) {
                md.append(String.format(
                        Locale.ROOT,
                        "; advisor overhead median %.2f s (max %.2f)",
                        median(of.stream().map(Measurement::overhead).toList()),
                        max(of, Measurement::overhead)));
            }
        }
        return md.append('\n').toString();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1
                ? seconds(sorted.get(n / 2))
                : (seconds(sorted.get(n / 2 - 1)) + seconds(sorted.get(n / 2))) / 2;
    }

    private static double min(List<Measurement> of, java.util.function.Function<Measurement, Duration> f) {
        return of.stream()
                .map(f)
                .min(Duration::compareTo)
                .map(RescaleDowntimeBenchmarkIT::seconds)
                .orElse(0.0);
    }

    private static double max(List<Measurement> of, java.util.function.Function<Measurement, Duration> f) {
        return of.stream()
                .map(f)
                .max(Duration::compareTo)
                .map(RescaleDowntimeBenchmarkIT::seconds)
                .orElse(0.0);
    }

    record Cost(String strategy, String change, long calls, Duration toRequest, Duration total) {}

    @Test
    void restCallsAndDecisionToRequestTimePerRescaleWithTheDefaultSettings() throws Exception {
        List<Cost> measurements = new ArrayList<>();
        try (RealRescale real =
                new RealRescale(flink.cluster(), dir, LoadJobOptions.defaults().withJobName("cost"))) {
            real.load.setRate(600);
            String job = real.submit(1);
            int parallelism = 1;
            for (int round = 1; round <= COST_ROUNDS; round++) {
                for (RescaleStrategy strategy : List.of(RescaleStrategy.IN_PLACE, RescaleStrategy.SAVEPOINT_REDEPLOY)) {
                    int to = parallelism == 1 ? 2 : 1;
                    // The adaptive scheduler acts on new requirements only scaling-interval.min after the last change.
                    Waits.sleep(Duration.ofSeconds(6));
                    RescaleSettings settings = RescaleSettings.DEFAULTS
                            .with(RescaleSettings.JAR, Optional.of(RealRescale.jar(real.load)))
                            .with(RescaleSettings.STRATEGY, strategy)
                            .with(RescaleSettings.STABILIZATION_PERIOD, Duration.ofSeconds(2))
                            .with(RescaleSettings.MAX_PER_JOB_PER_HOUR, 60);
                    double before = calls(real);
                    Instant requested = Instant.now();
                    RescaleOutcome outcome = real.executor.execute(real.heavy(job, parallelism, to, settings));
                    Instant ended = Instant.now();
                    long calls = Math.round(calls(real) - before);
                    assertThat(outcome)
                            .as("%s %d -> %d: %s", strategy, parallelism, to, outcome)
                            .isInstanceOf(RescaleOutcome.Succeeded.class);
                    JournalEntry entry = real.journal
                            .entry(outcome.subject().operation().orElseThrow())
                            .orElseThrow();
                    Instant firstChange = entry.steps().stream()
                            .filter(s ->
                                    Set.of(Step.SAVEPOINT, Step.REQUIREMENTS).contains(s.step()))
                            .filter(s -> s.phase() == JournalEntry.Phase.BEGIN)
                            .findFirst()
                            .orElseThrow()
                            .at();
                    measurements.add(new Cost(
                            strategy == RescaleStrategy.IN_PLACE ? "in-place" : "savepoint-redeploy",
                            parallelism + " -> " + to,
                            calls,
                            Duration.between(requested, firstChange),
                            Duration.between(requested, ended)));
                    job = ((RescaleOutcome.Succeeded) outcome).job().value();
                    parallelism = to;
                }
            }
        }
        String report = costReport(measurements);
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "rescale-cost.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** Every Flink REST call the executor's client made so far, whatever its outcome. */
    private static double calls(RealRescale real) {
        double total = 0;
        for (var snapshot : real.registry.scrape()) {
            if (snapshot instanceof io.prometheus.metrics.model.snapshots.CounterSnapshot counter
                    && counter.getMetadata().getName().equals("scaling_advisor_flink_requests")) {
                for (var point : counter.getDataPoints()) {
                    total += point.getValue();
                }
            }
        }
        return total;
    }

    private static String costReport(List<Cost> measurements) {
        StringBuilder md = new StringBuilder();
        md.append("Flink ")
                .append(TestbedBuild.flinkVersion())
                .append(", adaptive scheduler, 1 TaskManager with 2 slots, load job at 600 records/s, default rescale")
                .append(" settings (poll interval ")
                .append(RescaleSettings.DEFAULTS.pollInterval().toMillis())
                .append(" ms, verify window ")
                .append(RescaleSettings.DEFAULTS.verifyWindow().toSeconds())
                .append(" s), ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores.\n\n");
        md.append(
                "| strategy | change | REST calls | request → first change sent | whole rescale |\n|---|---|---:|---:|---:|\n");
        for (Cost m : measurements) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %.3f s | %.1f s |%n",
                    m.strategy(),
                    m.change(),
                    m.calls(),
                    m.toRequest().toMillis() / 1000.0,
                    m.total().toMillis() / 1000.0));
        }
        return md.toString();
    }
}

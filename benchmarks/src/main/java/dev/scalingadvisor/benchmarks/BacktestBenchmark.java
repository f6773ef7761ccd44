package dev.scalingadvisor.benchmarks;

import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import dev.scalingadvisor.testbed.prometheus.PrometheusServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scaling-advisor backtest} over 7 days × 100 jobs × the default pack at a 15 s step against a real
 * Prometheus, in a JVM with a bounded heap: wall time and the heap in use at its fullest. The history (the
 * {@link Fleet}'s jobs, a sample a minute) is backfilled once into a TSDB directory kept for later runs, written
 * a day per OpenMetrics file so that neither the file nor this JVM holds the week at once.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.scalingadvisor.benchmarks.BacktestBenchmark \
 *     [--jobs 100] [--days 7] [--xmx 256m] [--tsdb benchmarks/target/backtest-tsdb-100x7]
 *     [--jar advisor/target/scaling-advisor.jar] [--java-options "-XX:StartFlightRecording=filename=b.jfr"]
 *     [--backfill-only yes]
 * </pre>
 */
public final class BacktestBenchmark {

    /** A fixed week, so the TSDB written once serves every later run. */
    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private BacktestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int jobs = Integer.parseInt(options.getOrDefault("jobs", "100"));
        int days = Integer.parseInt(options.getOrDefault("days", "7"));
        String xmx = options.getOrDefault("xmx", "256m");
        Path tsdb = Path.of(options.getOrDefault("tsdb", "benchmarks/target/backtest-tsdb-" + jobs + "x" + days))
                .toAbsolutePath();
        Path jar = Path.of(options.getOrDefault("jar", "advisor/target/scaling-advisor.jar"))
                .toAbsolutePath();
        Instant to = FROM.plus(Duration.ofDays(days));

        if (!Files.exists(tsdb.resolve("backfilled"))) {
            backfill(new Fleet(jobs), FROM, to, tsdb);
        }
        if (options.containsKey("backfill-only")) {
            return;
        }
        try (PrometheusServer prometheus =
                PrometheusServer.start(PrometheusOptions.defaults().withDataDir(tsdb))) {
            Path work = Files.createTempDirectory("backtest-benchmark");
            Path config = work.resolve("advisor.yaml");
            Files.writeString(config, """
                    prometheus:
                      url: %s
                    evaluation:
                      interval: 15s
                    state:
                      dir: %s
                    """.formatted(prometheus.baseUrl(), work.resolve("state")));
            Path gcLog = work.resolve("gc.log");
            Path out = work.resolve("backtest.json");
            // time(1) reports the backtest JVM's CPU time and resident memory, which the machine's load does not
            // change.
            List<String> command = new ArrayList<>(List.of(
                    "/usr/bin/time",
                    "-f",
                    "backtest JVM: user %U s, sys %S s, max RSS %M KB",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + xmx,
                    "-Xlog:gc:file=" + gcLog));
            if (options.containsKey("java-options")) {
                command.addAll(List.of(options.get("java-options").split(" ")));
            }
            command.addAll(List.of(
                    "-jar",
                    jar.toString(),
                    "backtest",
                    "--config",
                    config.toString(),
                    "--from",
                    FROM.toString(),
                    "--to",
                    to.toString(),
                    "--format",
                    "json"));
            System.out.println("load average before: " + loadAverage());
            Duration prometheusCpuBefore = prometheusCpu();
            long began = System.nanoTime();
            Process backtest = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int exit = backtest.waitFor();
            Duration wall = Duration.ofNanos(System.nanoTime() - began);
            System.out.printf(
                    Locale.ROOT,
                    "Prometheus: %.1f s CPU answering the backtest's queries%n",
                    prometheusCpu().minus(prometheusCpuBefore).toMillis() / 1000.0);
            String report = Files.readString(out);
            System.out.printf(
                    Locale.ROOT,
                    "backtest of %d jobs over %d days at 15 s (%d evaluations): exit %d, wall %.1f s, -Xmx%s,"
                            + " heap in use at its fullest %d MB (before a GC), %d GCs; %d decisions; load average"
                            + " after: %s%n",
                    jobs,
                    days,
                    Duration.ofDays(days).toSeconds() / 15 + 1,
                    exit,
                    wall.toMillis() / 1000.0,
                    xmx,
                    peakHeapMegabytes(gcLog),
                    Files.readAllLines(gcLog).stream()
                            .filter(l -> GC_HEAP.matcher(l).find())
                            .count(),
                    count(report, "\"direction\""),
                    loadAverage());
            if (exit != 0) {
                System.exit(exit);
            }
        }
    }

    /** Writes the history a day per file and turns each into TSDB blocks with promtool. */
    static void backfill(Fleet fleet, Instant from, Instant to, Path tsdb) throws IOException, InterruptedException {
        Files.createDirectories(tsdb);
        Path file = Files.createTempFile("fleet", ".om");
        try {
            for (Instant day = from; day.isBefore(to); day = day.plus(Duration.ofDays(1))) {
                Instant end = day.plus(Duration.ofDays(1)).minusSeconds(1);
                long began = System.nanoTime();
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    fleet.writeOpenMetrics(day, end, out);
                }
                Process promtool = new ProcessBuilder(
                                "promtool",
                                "tsdb",
                                "create-blocks-from",
                                "openmetrics",
                                "--max-block-duration=24h",
                                file.toString(),
                                tsdb.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!promtool.waitFor(30, TimeUnit.MINUTES) || promtool.exitValue() != 0) {
                    throw new IllegalStateException("promtool could not backfill " + day);
                }
                System.out.printf(
                        Locale.ROOT,
                        "backfilled %s (%d MB of OpenMetrics) in %.0f s%n",
                        day,
                        Files.size(file) >> 20,
                        (System.nanoTime() - began) / 1e9);
            }
            Files.writeString(tsdb.resolve("backfilled"), from + " " + to + "\n");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The largest heap in use before a collection, from {@code -Xlog:gc} lines such as {@code 24M->5M(64M)}. */
    static long peakHeapMegabytes(Path gcLog) throws IOException {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_HEAP.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return peak;
    }

    /** CPU time used so far by the Prometheus this JVM started (a descendant process). */
    private static Duration prometheusCpu() {
        return ProcessHandle.current()
                .descendants()
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/prometheus")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            if (!rest.get(i).startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + rest.get(i));
            }
            options.put(rest.get(i).substring(2), rest.get(i + 1));
        }
        return options;
    }
}

package dev.scalingadvisor.advisor.ruletest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real Prometheus serving one test's input series, so that the rules' PromQL is evaluated by Prometheus itself:
 * the series are backfilled with {@code promtool tsdb create-blocks-from openmetrics} into a fresh TSDB, and
 * {@code prometheus} is started on it on a free loopback port, scraping nothing. Both come from the
 * {@code prometheus} package (Debian: {@code apt install prometheus}); closing stops it and deletes the TSDB.
 */
public final class BackfilledPrometheus implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

    private final Path dir;
    private final Process process;
    private final URI url;
    private final Thread stopOnExit;

    private BackfilledPrometheus(Path dir, Process process, URI url) {
        this.dir = dir;
        this.process = process;
        this.url = url;
        this.stopOnExit = new Thread(process::destroyForcibly, "stop-test-prometheus");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** The binaries could not be found or run, or Prometheus did not become ready. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * @param series each series' samples by time; a test's time 0 is {@code start}
     */
    static BackfilledPrometheus start(Map<SeriesSelector, TreeMap<Instant, Double>> series) throws Unavailable {
        Path promtool = binary("promtool");
        Path prometheus = binary("prometheus");
        Path dir;
        try {
            dir = Files.createTempDirectory("scaling-advisor-test-rules");
        } catch (IOException e) {
            throw new Unavailable("cannot create a temporary directory: " + e.getMessage());
        }
        try {
            Path input = dir.resolve("series.om");
            Files.writeString(input, openMetrics(series));
            Path data = dir.resolve("data");
            run(
                    dir,
                    List.of(
                            promtool.toString(),
                            "tsdb",
                            "create-blocks-from",
                            "openmetrics",
                            input.toString(),
                            data.toString()));
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, "scrape_configs: []\n");
            int port = freePort();
            Process process = new ProcessBuilder(
                            prometheus.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + data,
                            "--storage.tsdb.retention.time=100y",
                            "--web.listen-address=127.0.0.1:" + port)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
            BackfilledPrometheus started =
                    new BackfilledPrometheus(dir, process, URI.create("http://127.0.0.1:" + port));
            started.awaitReady();
            return started;
        } catch (IOException e) {
            delete(dir);
            throw new Unavailable("cannot start Prometheus: " + e.getMessage());
        } catch (Unavailable e) {
            delete(dir);
            throw e;
        }
    }

    URI url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        delete(dir);
    }

    private void awaitReady() throws Unavailable {
        OkHttpClient http =
                new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                close();
                throw new Unavailable("prometheus exited with " + process.exitValue() + ": " + logTail());
            }
            try (Response response = http.newCall(
                            new Request.Builder().url(url + "/-/ready").build())
                    .execute()) {
                if (response.code() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new Unavailable("interrupted while Prometheus started");
            }
        }
        String log = logTail();
        close();
        throw new Unavailable("prometheus was not ready within " + READY_TIMEOUT.toSeconds() + " s: " + log);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("prometheus.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /**
     * What {@code promtool tsdb create-blocks-from openmetrics} reads: one {@code # TYPE} line per family, its
     * samples together and in time order, timestamps in seconds, {@code # EOF} at the end.
     */
    static String openMetrics(Map<SeriesSelector, TreeMap<Instant, Double>> series) {
        Map<String, List<Map.Entry<SeriesSelector, TreeMap<Instant, Double>>>> families = new TreeMap<>();
        series.entrySet()
                .forEach(e -> families.computeIfAbsent(e.getKey().metric(), m -> new ArrayList<>())
                        .add(e));
        StringBuilder text = new StringBuilder();
        families.forEach((metric, members) -> {
            text.append("# TYPE ").append(metric).append(" gauge\n");
            members.sort(Comparator.comparing(e -> e.getKey().toString()));
            for (Map.Entry<SeriesSelector, TreeMap<Instant, Double>> member : members) {
                String name = member.getKey().labels().isEmpty()
                        ? metric
                        : member.getKey().toString();
                member.getValue()
                        .forEach((at, value) -> text.append(name)
                                .append(' ')
                                .append(value(value))
                                .append(' ')
                                .append(at.getEpochSecond())
                                .append(at.getNano() == 0 ? "" : String.format(".%03d", at.getNano() / 1_000_000))
                                .append('\n'));
            }
        });
        return text.append("# EOF\n").toString();
    }

    private static String value(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }

    private static Path binary(String name) throws Unavailable {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new Unavailable(name + " is not on the PATH: test rules runs the rules' PromQL in a real Prometheus"
                + " (Debian and Ubuntu: apt install prometheus; or put the release's prometheus and promtool on the"
                + " PATH)");
    }

    private static void run(Path dir, List<String> command) throws Unavailable, IOException {
        Path output = dir.resolve("promtool.log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Unavailable("promtool did not backfill the series within " + TOOL_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while promtool backfilled the series");
        }
        if (process.exitValue() != 0) {
            throw new Unavailable("promtool could not backfill the series: "
                    + Files.readString(output, StandardCharsets.UTF_8).strip());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is not worth failing a test run for
        }
    }
}

package dev.scalingadvisor.testbed.e2e.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalingadvisor.testbed.process.ChildProcess;
import dev.scalingadvisor.testbed.process.Jcmd;
import dev.scalingadvisor.testbed.process.ProcessSpec;
import dev.scalingadvisor.testbed.process.ProcessStartException;
import dev.scalingadvisor.testbed.process.TempDirs;
import dev.scalingadvisor.testbed.process.Waits;
import dev.scalingadvisor.testbed.prometheus.ScrapeTargetSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The real advisor daemon ({@code java -jar scaling-advisor.jar run --config FILE}) as a black box: a
 * configuration file in, HTTP, logs and notifications out. It runs under the testbed's watchdog, so it never
 * outlives the JVM that started it, and it can be reloaded (SIGHUP), crashed (SIGKILL), stopped (SIGTERM) and
 * restarted on the same configuration and state directory.
 *
 * <pre>{@code
 * try (AdvisorProcess advisor = AdvisorProcess.start(AdvisorConfigFile.of(AdvisorMode.OBSERVE, prometheus.baseUrl()))) {
 *     prometheus.scrape(advisor);                          // its /metrics, following restarts
 *     List<AdvisorDecision> decisions = advisor.decisions(DecisionQuery.all());
 *     advisor.kill();
 *     advisor.restart();                                   // same config, same state dir
 *     int exitCode = advisor.stop();                       // SIGTERM
 * }
 * }</pre>
 */
public final class AdvisorProcess implements AutoCloseable, ScrapeTargetSource {

    /** Starting a JVM while Flink and a build share two cores takes a while. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    /** The daemon promises to stop within 10 s of SIGTERM; give it more before SIGKILL, then see what it did. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static final Pattern STARTED = Pattern.compile("started: .*http=http://([^:/\\s]+):(\\d+)");
    private static final Pattern RELOADED = Pattern.compile("configuration reloaded from");
    private static final Pattern RELOAD_FAILED = Pattern.compile("configuration reload failed");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(15))
            .retryOnConnectionFailure(false)
            // The JDK's HttpServer closes a connection idle for 30 s; reusing one it closed fails the next call
            // with "unexpected end of stream" (seen when a test paused its polling for a minute).
            .connectionPool(new ConnectionPool(5, 20, TimeUnit.SECONDS))
            .build();

    private final Path dir;
    private final boolean ownsDir;
    private final Path configFile;
    private final Path logFile;
    private final List<Runnable> targetListeners = new CopyOnWriteArrayList<>();
    private volatile AdvisorConfigFile config;
    private volatile ChildProcess process;
    private volatile int port;
    private volatile String host = "127.0.0.1";

    private AdvisorProcess(Path dir, boolean ownsDir, AdvisorConfigFile config) {
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.configFile = dir.resolve("advisor.yaml");
        this.logFile = dir.resolve("advisor.log");
        this.config = config.stateDir().isPresent() ? config : config.withStateDir(dir.resolve("state"));
    }

    /** Starts the daemon in a fresh temp dir (config, state dir and log), deleted again by {@link #close()}. */
    public static AdvisorProcess start(AdvisorConfigFile config) {
        return start(config, TempDirs.create("advisor"), true);
    }

    /** Starts the daemon with its config, state dir (unless the config names one) and log in {@code dir}, which is kept. */
    public static AdvisorProcess start(AdvisorConfigFile config, Path dir) {
        return start(config, dir, false);
    }

    private static AdvisorProcess start(AdvisorConfigFile config, Path dir, boolean ownsDir) {
        AdvisorProcess advisor = new AdvisorProcess(dir, ownsDir, config);
        try {
            Files.createDirectories(dir);
            advisor.config.writeTo(advisor.configFile);
            advisor.launch();
            return advisor;
        } catch (IOException e) {
            advisor.close();
            throw new UncheckedIOException("could not prepare the advisor's directory " + dir, e);
        } catch (RuntimeException e) {
            advisor.close();
            throw e;
        }
    }

    private synchronized void launch() {
        long logOffset = logLength();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-jar",
                AdvisorBuild.jar().toString(),
                "run",
                "--config",
                configFile.toString());
        ChildProcess child =
                ChildProcess.start(new ProcessSpec("scaling-advisor", command, dir, logFile, Map.of(), STOP_GRACE));
        process = child;
        Matcher[] started = new Matcher[1];
        child.awaitReady("its \"started\" log line", STARTUP_TIMEOUT, () -> {
            started[0] = findInLog(STARTED, logOffset).orElse(null);
            return started[0] != null;
        });
        host = started[0].group(1);
        port = Integer.parseInt(started[0].group(2));
        targetListeners.forEach(Runnable::run);
    }

    /** E.g. {@code http://127.0.0.1:41234}; changes with every (re)start, because the config asks for a free port. */
    public String baseUrl() {
        return "http://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The pid of the daemon's JVM. */
    public long pid() {
        return requireProcess().pid();
    }

    public boolean isRunning() {
        ChildProcess current = process;
        return current != null && current.isAlive();
    }

    public Path dir() {
        return dir;
    }

    public Path configFile() {
        return configFile;
    }

    public Path logFile() {
        return logFile;
    }

    public AdvisorConfigFile config() {
        return config;
    }

    /** The state directory the daemon runs on; the same across restarts. */
    public Path stateDir() {
        return config.stateDir().orElseThrow();
    }

    /** {@code GET path} on the daemon's HTTP endpoint. */
    public HttpAnswer get(String path) {
        return get(HttpUrl.get(baseUrl() + path));
    }

    private HttpAnswer get(HttpUrl url) {
        Request request = new Request.Builder().url(url).get().build();
        try (Response response = HTTP.newCall(request).execute()) {
            return new HttpAnswer(
                    response.code(),
                    response.body() == null ? "" : response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the advisor (" + this + ") did not answer GET " + url.encodedPath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code scaling-advisor ARGS --url <this daemon>} from the same jar, as a person beside the daemon would
     * ({@code decisions}, {@code pause}, {@code resume}), and returns its exit code and output.
     */
    public CommandRun command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-jar",
                AdvisorBuild.jar().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--url", baseUrl()));
        try {
            Process child = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            child.getOutputStream().close();
            // Both streams are small; read stderr on the side so neither can fill its pipe and block the other.
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(child.getErrorStream()));
            String out = readAll(child.getInputStream());
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalStateException("scaling-advisor " + String.join(" ", args) + " ran for over 60 s");
            }
            return new CommandRun(child.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run scaling-advisor " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running scaling-advisor " + args[0], e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a command run printed and how it ended. */
    public record CommandRun(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + ", stdout: " + out.strip() + ", stderr: " + err.strip();
        }
    }

    /** {@code /healthz} answered 200: the evaluation loop is alive. */
    public boolean healthy() {
        return get("/healthz").status() == 200;
    }

    /** {@code /readyz} answered 200: configuration loaded and Prometheus answered in the last cycle. */
    public boolean ready() {
        return get("/readyz").status() == 200;
    }

    /** The daemon's own metrics in Prometheus' text format. */
    public String metrics() {
        HttpAnswer answer = get("/metrics");
        if (answer.status() != 200) {
            throw new IllegalStateException(
                    "the advisor's /metrics answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    /** {@code GET /api/v1/decisions}, newest first. */
    public List<AdvisorDecision> decisions(DecisionQuery query) {
        HttpUrl.Builder url = HttpUrl.get(baseUrl())
                .newBuilder()
                .addPathSegments("api/v1/decisions")
                .addQueryParameter("limit", Integer.toString(query.limit()));
        query.job().ifPresent(job -> url.addQueryParameter("job", job));
        query.since().ifPresent(since -> url.addQueryParameter("since", since.toString()));
        HttpAnswer answer = get(url.build());
        if (answer.status() != 200) {
            throw new IllegalStateException(
                    "the advisor's decision history answered " + answer.status() + ": " + answer.body());
        }
        try {
            JsonNode decisions = JSON.readTree(answer.body()).path("decisions");
            if (!decisions.isArray()) {
                throw new IllegalStateException(
                        "the advisor's decision history has no \"decisions\" array: " + answer.body());
            }
            List<AdvisorDecision> result = new ArrayList<>();
            decisions.forEach(node -> result.add(AdvisorDecision.fromJson(node)));
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("the advisor's decision history is not JSON: " + answer.body(), e);
        }
    }

    /** Sends SIGHUP (reload the configuration file) and returns at once. */
    public void sighup() {
        signal("HUP");
    }

    /** Sends SIGHUP and waits until the daemon logs the outcome of the reload. */
    public ReloadOutcome reload(Duration timeout) {
        long offset = logLength();
        sighup();
        ReloadOutcome[] outcome = new ReloadOutcome[1];
        requireProcess().awaitReady("a logged reload outcome after SIGHUP", timeout, () -> {
            if (findInLog(RELOADED, offset).isPresent()) {
                outcome[0] = ReloadOutcome.APPLIED;
            } else if (findInLog(RELOAD_FAILED, offset).isPresent()) {
                outcome[0] = ReloadOutcome.REJECTED;
            }
            return outcome[0] != null;
        });
        return outcome[0];
    }

    /** Rewrites the configuration file (keeping the state dir) for the next {@link #reload} or {@link #restart}. */
    public void replaceConfig(AdvisorConfigFile next) {
        AdvisorConfigFile withState = next.stateDir().isPresent() ? next : next.withStateDir(stateDir());
        withState.writeTo(configFile);
        config = withState;
    }

    /** SIGKILL, as a crash or the OOM killer would; returns once the process is gone. */
    public void kill() {
        requireProcess().kill();
        targetListeners.forEach(Runnable::run);
    }

    /** SIGTERM and wait (SIGKILL after 20 s); returns the exit code, which a clean stop makes 0. */
    public int stop() {
        ChildProcess current = requireProcess();
        current.stop();
        targetListeners.forEach(Runnable::run);
        return current.exitCode()
                .orElseThrow(
                        () -> new IllegalStateException("the advisor " + current + " is still running after stop"));
    }

    /** Starts the daemon again on the same configuration file and state dir (stopping it first if it runs). */
    public void restart() {
        if (isRunning()) {
            stop();
        }
        launch();
    }

    /** Waits until a line logged after {@code sinceOffset} (a {@link #logLength()}) matches; returns the match. */
    public Matcher awaitLog(Pattern pattern, long sinceOffset, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<Matcher> found = findInLog(pattern, sinceOffset);
            if (found.isPresent()) {
                return found.get();
            }
            if (!isRunning()) {
                throw new AssertionError(this + " exited before logging /" + pattern + "/\n" + logExcerpt());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        this + " did not log /" + pattern + "/ within " + timeout.toSeconds() + " s\n" + logExcerpt());
            }
            Waits.sleep(Duration.ofMillis(100));
        }
    }

    /** How many bytes the log has now: pass it to {@link #awaitLog} to look only at what follows. */
    public long logLength() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the daemon's log (all its runs), for failure messages. */
    public String logExcerpt() {
        ChildProcess current = process;
        return current != null ? current.logExcerpt() : "(the advisor never started; no log at " + logFile + ")";
    }

    /**
     * What a failure message needs besides the log to tell a hung loop from a wrong decision: the daemon's own
     * metrics (without histogram buckets) and the stacks of its threads.
     */
    public String failureDiagnostics() {
        ChildProcess current = process;
        if (current == null || !current.isAlive()) {
            return "(the advisor is not running: no metrics, no thread dump)";
        }
        String metrics;
        try {
            metrics = metrics()
                    .lines()
                    .filter(line -> line.startsWith("scaling_advisor_") && !line.contains("_bucket{"))
                    .collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            metrics = "(/metrics could not be read: " + e.getMessage() + ")";
        }
        return "--- the advisor's /metrics ---\n" + metrics + "\n--- the advisor's threads ---\n"
                + Jcmd.threadDump(current.pid()) + "\n--- end of the advisor's threads ---";
    }

    @Override
    public String scrapeJob() {
        return "scaling-advisor";
    }

    @Override
    public List<String> scrapeTargets() {
        return isRunning() ? List.of(host + ":" + port) : List.of();
    }

    @Override
    public void onScrapeTargetsChanged(Runnable listener) {
        targetListeners.add(listener);
    }

    /** Stops the daemon if it runs and deletes its temp dir (a dir passed to {@link #start(AdvisorConfigFile, Path)} is kept). */
    @Override
    public void close() {
        ChildProcess current = process;
        if (current != null && current.isAlive()) {
            current.stop();
        }
        if (ownsDir) {
            TempDirs.deleteRecursively(dir);
        }
    }

    @Override
    public String toString() {
        ChildProcess current = process;
        return "advisor["
                + (current == null
                        ? "not started"
                        : "pid " + current.pid()
                                + (current.isAlive()
                                        ? ", " + baseUrl()
                                        : ", exited "
                                                + current.exitCode()
                                                        .map(String::valueOf)
                                                        .orElse("?")))
                + ", " + dir + "]";
    }

    private ChildProcess requireProcess() {
        ChildProcess current = process;
        if (current == null) {
            throw new IllegalStateException("the advisor was never started");
        }
        return current;
    }

    private void signal(String name) {
        long pid = requireProcess().pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new ProcessStartException("kill -" + name + " " + pid + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not send SIG" + name + " to the advisor (pid " + pid + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling the advisor", e);
        }
    }

    private Optional<Matcher> findInLog(Pattern pattern, long fromOffset) {
        if (!Files.exists(logFile)) {
            return Optional.empty();
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            if (length <= fromOffset) {
                return Optional.empty();
            }
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length - fromOffset)];
            file.seek(fromOffset);
            file.readFully(bytes);
            Matcher matcher = pattern.matcher(new String(bytes, StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(matcher) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the advisor's log " + logFile, e);
        }
    }

    /** A status code and body from the daemon's HTTP endpoint. */
    public record HttpAnswer(int status, String body) {}

    /** What the daemon made of a SIGHUP. */
    public enum ReloadOutcome {
        /** The new configuration is in force. */
        APPLIED,
        /** The new configuration was invalid; the previous one stays in force. */
        REJECTED
    }
}

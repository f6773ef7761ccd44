package dev.scalingadvisor.testbed.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server or tool the testbed started: its output goes to a log file, and it never outlives the JVM that
 * started it, because it runs under a small bash watchdog that kills it when our stdin pipe closes.
 */
public final class ChildProcess implements AutoCloseable {

    private static final String WATCHDOG_SCRIPT = readWatchdogScript();
    private static final Duration PID_FILE_TIMEOUT = Duration.ofSeconds(10);

    private final ProcessSpec spec;
    private final Process watchdog;
    private final long pid;

    private ChildProcess(ProcessSpec spec, Process watchdog, long pid) {
        this.spec = spec;
        this.watchdog = watchdog;
        this.pid = pid;
    }

    /** Starts the command; it is stopped by {@link #stop()}, by the JVM's shutdown hook, or when this JVM dies. */
    public static ChildProcess start(ProcessSpec spec) {
        try {
            Files.createDirectories(spec.workingDirectory());
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            Path pidFile = Files.createTempFile(spec.workingDirectory(), spec.name(), ".pid");
            Files.delete(pidFile);
            List<String> command = new ArrayList<>(
                    List.of("bash", "-c", WATCHDOG_SCRIPT, "watchdog-" + spec.name(), pidFile.toString()));
            command.addAll(spec.command());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    // Append: a restarted server (Prometheus on the same TSDB) keeps one log for the whole test.
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
            builder.environment().putAll(spec.environment());
            Process watchdog = builder.start();
            long pid = awaitPid(spec, watchdog, pidFile);
            ChildProcess child = new ChildProcess(spec, watchdog, pid);
            // Once the watchdog is gone its pipe only keeps a stray `cat` alive; release it.
            watchdog.onExit().thenRun(child::closeStdin);
            RunningProcesses.register(child);
            return child;
        } catch (IOException e) {
            throw new ProcessStartException(
                    "could not start " + spec.name() + " (" + spec.command().get(0) + "): " + e.getMessage(), e);
        }
    }

    private static long awaitPid(ProcessSpec spec, Process watchdog, Path pidFile) throws IOException {
        Instant deadline = Instant.now().plus(PID_FILE_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(pidFile)) {
                String text = Files.readString(pidFile);
                // The newline shows that bash's echo has finished writing the pid.
                if (text.endsWith("\n")) {
                    Files.deleteIfExists(pidFile);
                    return Long.parseLong(text.trim());
                }
            }
            if (!watchdog.isAlive() && !Files.exists(pidFile)) {
                break;
            }
            Waits.sleep(Duration.ofMillis(20));
        }
        watchdog.destroyForcibly();
        throw new ProcessStartException("could not start " + spec.name() + ": its watchdog never reported a pid");
    }

    public String name() {
        return spec.name();
    }

    public ProcessSpec spec() {
        return spec;
    }

    /** The pid of the command itself (not of its watchdog). */
    public long pid() {
        return pid;
    }

    public Path logFile() {
        return spec.logFile();
    }

    public boolean isAlive() {
        return watchdog.isAlive();
    }

    /** The exit code once the process has ended (the watchdog passes the command's own code through). */
    public Optional<Integer> exitCode() {
        return watchdog.isAlive() ? Optional.empty() : Optional.of(watchdog.exitValue());
    }

    /** Waits for the process to end by itself, e.g. a command-line tool; empty if it is still running then. */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            if (watchdog.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                RunningProcesses.deregister(this);
                return Optional.of(watchdog.exitValue());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name(), e);
        }
    }

    /** Polls {@code check} until it holds; fails with the process's log tail if the process dies or time runs out. */
    public void awaitReady(String what, Duration timeout, ReadinessCheck check) {
        Instant deadline = Instant.now().plus(timeout);
        Exception lastProblem = null;
        while (true) {
            if (!isAlive()) {
                throw new ProcessStartException(describe() + " exited with code "
                        + exitCode().orElse(-1) + " before " + what + "\n" + logExcerpt());
            }
            try {
                if (check.ready()) {
                    return;
                }
                lastProblem = null;
            } catch (Exception e) {
                lastProblem = e;
            }
            if (Instant.now().isAfter(deadline)) {
                String reason = lastProblem == null ? "" : " (last attempt: " + lastProblem + ")";
                throw new ProcessStartException(describe() + " did not reach " + what + " within " + timeout.toSeconds()
                        + " s" + reason + "\n" + logExcerpt());
            }
            Waits.sleep(Duration.ofMillis(200));
        }
    }

    /** SIGTERM, then SIGKILL after the spec's grace period; returns once the process is gone. */
    public void stop() {
        try {
            if (isAlive()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
                if (!watchdog.waitFor(spec.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } finally {
            closeStdin();
            RunningProcesses.deregister(this);
        }
    }

    /** SIGKILL at once, as a crash would; returns once the process is gone. */
    public void kill() {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        try {
            if (!watchdog.waitFor(10, TimeUnit.SECONDS)) {
                watchdog.destroyForcibly();
                watchdog.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watchdog.destroyForcibly();
        } finally {
            closeStdin();
            RunningProcesses.deregister(this);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(int lines) {
        return LogTail.of(spec.logFile(), lines);
    }

    /** The standard "last lines of the log" block that goes into every failure message about this process. */
    public String logExcerpt() {
        return "--- last 60 lines of " + spec.logFile() + " ---\n" + logTail(60) + "\n--- end of " + spec.name()
                + " log ---";
    }

    private String describe() {
        return spec.name() + " (pid " + pid + ", "
                + String.join(
                        " ",
                        spec.command().subList(0, Math.min(1, spec.command().size()))) + ")";
    }

    private void closeStdin() {
        try {
            OutputStream stdin = watchdog.getOutputStream();
            stdin.close();
        } catch (IOException ignored) {
            // Already closed: nothing left to release.
        }
    }

    private static String readWatchdogScript() {
        try (InputStream in = ChildProcess.class.getResourceAsStream("watchdog.sh")) {
            if (in == null) {
                throw new IllegalStateException("watchdog.sh missing from the testbed-launchers jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return spec.name() + "[pid " + pid + (isAlive() ? ", running" : ", exited") + "]";
    }

    /** Reads the end of a log file without loading a large file whole. */
    static final class LogTail {
        private static final int MAX_BYTES = 64 * 1024;

        private LogTail() {}

        static String of(Path file, int lines) {
            if (!Files.exists(file)) {
                return "(no log file " + file + ")";
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                long length = raf.length();
                long start = Math.max(0, length - MAX_BYTES);
                byte[] bytes = new byte[(int) (length - start)];
                raf.seek(start);
                raf.readFully(bytes);
                List<String> all =
                        new String(bytes, StandardCharsets.UTF_8).lines().toList();
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return "(could not read " + file + ": " + e.getMessage() + ")";
            }
        }
    }
}

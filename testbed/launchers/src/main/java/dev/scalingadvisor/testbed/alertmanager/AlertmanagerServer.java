package dev.scalingadvisor.testbed.alertmanager;

import dev.scalingadvisor.testbed.process.ChildProcess;
import dev.scalingadvisor.testbed.process.Executables;
import dev.scalingadvisor.testbed.process.HttpReadiness;
import dev.scalingadvisor.testbed.process.LoopbackPorts;
import dev.scalingadvisor.testbed.process.ProcessSpec;
import dev.scalingadvisor.testbed.process.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) on a free 127.0.0.1 port, with a route that
 * delivers nowhere and gossip turned off, so tests can post alerts and read them back.
 *
 * <pre>{@code
 * try (AlertmanagerServer alertmanager = AlertmanagerServer.start()) {
 *     String url = alertmanager.baseUrl() + "/api/v2/alerts";
 * }
 * }</pre>
 */
public final class AlertmanagerServer implements AutoCloseable {

    private static final String CONFIG = """
            route:
              receiver: none
            receivers:
              - name: none
            """;

    private final Path dir;
    private final int port;
    private final ChildProcess process;

    private AlertmanagerServer(Path dir, int port, ChildProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts Alertmanager and waits for {@code /-/ready}; fails with its log if it does not get there. */
    public static AlertmanagerServer start() {
        Path binary = Executables.require("prometheus-alertmanager", "prometheus-alertmanager");
        Path dir = TempDirs.create("alertmanager");
        int port = LoopbackPorts.free();
        try {
            Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Alertmanager in " + dir, e);
        }
        List<String> command = List.of(
                binary.toString(),
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=" + LoopbackPorts.hostPort(port),
                // Empty turns the gossip cluster off: it would otherwise listen on 0.0.0.0:9094.
                "--cluster.listen-address=");
        ChildProcess process = ChildProcess.start(ProcessSpec.of("alertmanager", dir, command));
        AlertmanagerServer server = new AlertmanagerServer(dir, port, process);
        try {
            process.awaitReady(
                    "readiness on " + server.baseUrl() + "/-/ready",
                    Duration.ofSeconds(30),
                    HttpReadiness.answersOk(server.baseUrl() + "/-/ready"));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** E.g. {@code http://127.0.0.1:40123}; the v2 API is under {@code /api/v2}. */
    public String baseUrl() {
        return "http://" + LoopbackPorts.hostPort(port);
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public String logExcerpt() {
        return process.logExcerpt();
    }

    /** Stops Alertmanager and deletes its temp dir. */
    @Override
    public void close() {
        process.stop();
        TempDirs.deleteRecursively(dir);
    }
}

package dev.scalingadvisor.testbed.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a test cluster's {@code config.yaml} and log4j2 configuration. */
final class FlinkConfigFiles {

    static final String REPORTER_FACTORY = "org.apache.flink.metrics.prometheus.LoopbackPrometheusReporterFactory";

    private FlinkConfigFiles() {}

    static void write(Path confDir, Path clusterDir, FlinkClusterOptions options, int restPort, int rpcPort) {
        Map<String, String> config = new LinkedHashMap<>();
        // Everything on 127.0.0.1: RPC, REST, data exchange and blobs.
        config.put("jobmanager.rpc.address", "127.0.0.1");
        config.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        config.put("jobmanager.bind-host", "127.0.0.1");
        config.put("taskmanager.bind-host", "127.0.0.1");
        config.put("taskmanager.host", "127.0.0.1");
        config.put("rest.address", "127.0.0.1");
        config.put("rest.bind-address", "127.0.0.1");
        config.put("rest.port", Integer.toString(restPort));
        config.put("jobmanager.memory.process.size", options.jobManagerProcessMemory());
        config.put("taskmanager.memory.process.size", options.taskManagerProcessMemory());
        config.put("taskmanager.numberOfTaskSlots", Integer.toString(options.slotsPerTaskManager()));
        config.put("parallelism.default", "1");
        config.put("jobmanager.scheduler", options.scheduler().configValue());
        // Each process gets its own reporter port as a dynamic property when it starts.
        config.put("metrics.reporter.prom.factory.class", REPORTER_FACTORY);
        config.put(
                "state.checkpoints.dir",
                clusterDir.resolve("checkpoints").toUri().toString());
        config.put(
                "state.savepoints.dir", clusterDir.resolve("savepoints").toUri().toString());
        config.put("web.upload.dir", clusterDir.resolve("uploads").toString());
        config.put("io.tmp.dirs", clusterDir.resolve("tmp").toString());
        config.putAll(options.extraConfig());
        try {
            Files.createDirectories(confDir);
            for (String sub : new String[] {"checkpoints", "savepoints", "uploads", "tmp"}) {
                Files.createDirectories(clusterDir.resolve(sub));
            }
            Files.writeString(
                    confDir.resolve("config.yaml"),
                    config.entrySet().stream()
                            .map(e -> e.getKey() + ": " + quote(e.getValue()))
                            .collect(Collectors.joining("\n", "", "\n")));
            Files.writeString(confDir.resolve("log4j2.properties"), LOG4J);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Flink config to " + confDir, e);
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    // Everything to stdout: the process supervisor puts each process's stdout in its own log file.
    private static final String LOG4J = """
            rootLogger.level = INFO
            rootLogger.appenderRef.console.ref = Console
            appender.console.name = Console
            appender.console.type = CONSOLE
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-50c{1.} - %m%n
            logger.pekko.name = org.apache.pekko
            logger.pekko.level = WARN
            logger.netty.name = org.apache.flink.shaded.netty4
            logger.netty.level = WARN
            logger.zookeeper.name = org.apache.flink.shaded.zookeeper3
            logger.zookeeper.level = WARN
            """;
}

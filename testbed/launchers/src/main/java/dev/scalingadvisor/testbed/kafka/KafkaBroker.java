package dev.scalingadvisor.testbed.kafka;

import dev.scalingadvisor.testbed.flink.TestbedBuild;
import dev.scalingadvisor.testbed.process.ChildProcess;
import dev.scalingadvisor.testbed.process.LoopbackPorts;
import dev.scalingadvisor.testbed.process.ProcessSpec;
import dev.scalingadvisor.testbed.process.ProcessStartException;
import dev.scalingadvisor.testbed.process.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one JVM, built from Maven Central
 * jars), listening on free 127.0.0.1 ports, its storage formatted in a temp dir that {@link #close()} deletes.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *     kafka.topics().create("orders", 4);
 *     try (TopicProducer producer = TopicProducer.start(kafka, "orders", KeyDistribution.uniform(1000))) {
 *         producer.setRate(2000);
 *     }
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    /** A KRaft broker on two busy cores: about 6 s alone, more while Flink starts beside it. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final String BROKER_MAIN = "kafka.Kafka";
    private static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private ChildProcess process;
    private Admin admin;

    private KafkaBroker() {
        this.dir = TempDirs.create("kafka");
        this.port = LoopbackPorts.free();
        this.controllerPort = LoopbackPorts.free();
    }

    /** Formats fresh storage, starts the broker and waits until it answers as a one-node cluster. */
    public static KafkaBroker start() {
        KafkaBroker broker = new KafkaBroker();
        try {
            broker.writeConfig();
            broker.format();
            broker.launch();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:<port>}: what clients (and the Flink job's KafkaSource) pass as {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return LoopbackPorts.hostPort(port);
    }

    /** Creating topics, adding partitions, end and committed offsets. */
    public KafkaTopics topics() {
        return new KafkaTopics(admin());
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return dir.resolve("kafka.log");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The end of the broker's log, for failure messages. */
    public String logExcerpt() {
        return process == null ? "(the Kafka broker never started)" : process.logExcerpt();
    }

    /** Stops the broker (SIGTERM: a controlled shutdown) and deletes its temp dir with all topic data. */
    @Override
    public synchronized void close() {
        try {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        } finally {
            admin = null;
            if (process != null) {
                process.stop();
            }
            TempDirs.deleteRecursively(dir);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties config = new Properties();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
            admin = Admin.create(config);
        }
        return admin;
    }

    private void writeConfig() {
        // One JVM is broker and controller; every internal topic has one replica, since there is one broker.
        String config = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%2$s
                listeners=PLAINTEXT://%1$s,CONTROLLER://%2$s
                advertised.listeners=PLAINTEXT://%1$s
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(
                        LoopbackPorts.hostPort(port), LoopbackPorts.hostPort(controllerPort), dir.resolve("data"));
        try {
            Files.writeString(dir.resolve("server.properties"), config);
            Files.writeString(dir.resolve("log4j2.properties"), LOG4J);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Kafka config to " + dir, e);
        }
    }

    private void format() {
        List<String> command = java(
                STORAGE_TOOL_MAIN,
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                dir.resolve("server.properties").toString());
        ChildProcess tool = ChildProcess.start(
                ProcessSpec.of("kafka-storage-format", dir, command).withLogFile(logFile()));
        int exit = tool.awaitExit(FORMAT_TIMEOUT).orElseGet(() -> {
            tool.kill();
            throw new ProcessStartException("formatting Kafka's storage did not finish within "
                    + FORMAT_TIMEOUT.toSeconds() + " s\n" + tool.logExcerpt());
        });
        if (exit != 0) {
            throw new ProcessStartException(
                    "formatting Kafka's storage failed with exit code " + exit + "\n" + tool.logExcerpt());
        }
    }

    private void launch() {
        List<String> command = java(
                List.of("-Xms256m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError"),
                BROKER_MAIN,
                dir.resolve("server.properties").toString());
        process = ChildProcess.start(
                ProcessSpec.of("kafka", dir, command).withLogFile(logFile()).withStopGrace(Duration.ofSeconds(20)));
        process.awaitReady(
                "a one-node cluster answering on " + bootstrapServers(),
                STARTUP_TIMEOUT,
                () -> admin().describeCluster().nodes().get().size() == 1);
    }

    private List<String> java(String mainClass, String... arguments) {
        return java(List.of(), mainClass, arguments);
    }

    private List<String> java(List<String> jvmArguments, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
        command.add("-cp");
        command.add(TestbedBuild.kafkaLib() + "/*");
        command.add(mainClass);
        command.addAll(List.of(arguments));
        return command;
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + (isRunning() ? "running" : "stopped") + "]";
    }

    // Everything to stdout, which the process supervisor writes to kafka.log. Every client and server
    // configuration is printed in full at INFO when it is created; that is noise here.
    private static final String LOG4J = """
            rootLogger.level = INFO
            rootLogger.appenderRef.console.ref = Console
            appender.console.name = Console
            appender.console.type = CONSOLE
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-40c{1.} - %m%n
            logger.config.name = org.apache.kafka.common.config.AbstractConfig
            logger.config.level = WARN
            logger.kafkaconfig.name = kafka.server.KafkaConfig
            logger.kafkaconfig.level = WARN
            """;
}

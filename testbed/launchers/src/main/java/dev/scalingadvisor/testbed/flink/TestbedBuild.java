package dev.scalingadvisor.testbed.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the reactor build put the Flink and Kafka lib dirs and the load job jar (recorded in a filtered resource). */
public final class TestbedBuild {

    private static final String HOW_TO_BUILD =
            "build the testbed inside the reactor, e.g. ./mvnw -q -B -pl testbed/launchers -am verify (or -pl <your module> -am)";
    private static final Properties PROPERTIES = load();

    private TestbedBuild() {}

    /** The Flink version the cluster runs, from the root pom's {@code flink.version}. */
    public static String flinkVersion() {
        return PROPERTIES.getProperty("flink.version");
    }

    /** The directory of jars that makes up the cluster's classpath; fails with the fix if it was not built. */
    public static Path flinkLib() {
        Path lib = Path.of(PROPERTIES.getProperty("flink.lib")).normalize();
        Path runtime = lib.resolve("flink-runtime-" + flinkVersion() + ".jar");
        if (!Files.isRegularFile(runtime)) {
            throw new IllegalStateException("the Flink lib dir " + lib + " has no " + runtime.getFileName()
                    + " (testbed/flink-dist was not built): " + HOW_TO_BUILD);
        }
        return lib;
    }

    /** The Kafka version the testbed's broker runs, from the root pom's {@code kafka.version}. */
    public static String kafkaVersion() {
        return PROPERTIES.getProperty("kafka.version");
    }

    /** The directory of jars that makes up the Kafka broker's classpath; fails with the fix if it was not built. */
    public static Path kafkaLib() {
        Path lib = Path.of(PROPERTIES.getProperty("kafka.lib")).normalize();
        Path server = lib.resolve("kafka_2.13-" + kafkaVersion() + ".jar");
        if (!Files.isRegularFile(server)) {
            throw new IllegalStateException("the Kafka lib dir " + lib + " has no " + server.getFileName()
                    + " (testbed/kafka-dist was not built): " + HOW_TO_BUILD);
        }
        return lib;
    }

    /** The shaded load job jar; fails with the fix if it was not built. */
    public static Path loadJobJar() {
        Path jar = Path.of(PROPERTIES.getProperty("loadjob.jar")).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "the load job jar " + jar + " does not exist (testbed/loadjob was not built): " + HOW_TO_BUILD);
        }
        return jar;
    }

    private static Properties load() {
        try (InputStream in =
                TestbedBuild.class.getResourceAsStream("/dev/scalingadvisor/testbed/testbed-build.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "testbed-build.properties is missing from testbed-launchers: " + HOW_TO_BUILD);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

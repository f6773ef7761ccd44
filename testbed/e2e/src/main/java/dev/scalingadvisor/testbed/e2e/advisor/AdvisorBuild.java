package dev.scalingadvisor.testbed.e2e.advisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the reactor build put the daemon's runnable jar (recorded in a filtered resource at build time). */
public final class AdvisorBuild {

    /** Overrides the recorded jar, e.g. to run the harness against an installed package's jar. */
    public static final String JAR_PROPERTY = "scalingadvisor.jar";

    private static final String HOW_TO_BUILD =
            "build it inside the reactor, e.g. ./mvnw -q -B -pl testbed/e2e -am verify, or ./mvnw -q -B package -DskipTests";
    private static final Properties PROPERTIES = load();

    private AdvisorBuild() {}

    /** The daemon's runnable jar; fails with the fix if it was not built. */
    public static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY, PROPERTIES.getProperty("advisor.jar"));
        Path jar = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the advisor's jar " + jar
                    + " does not exist (the advisor module was not packaged): " + HOW_TO_BUILD);
        }
        return jar;
    }

    /** The version of the reactor that built this harness. */
    public static String version() {
        return PROPERTIES.getProperty("project.version");
    }

    private static Properties load() {
        try (InputStream in =
                AdvisorBuild.class.getResourceAsStream("/dev/scalingadvisor/testbed/e2e/e2e-build.properties")) {
            if (in == null) {
                throw new IllegalStateException("e2e-build.properties is missing from testbed-e2e: " + HOW_TO_BUILD);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

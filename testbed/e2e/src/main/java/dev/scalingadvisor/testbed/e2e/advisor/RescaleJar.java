package dev.scalingadvisor.testbed.e2e.advisor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code rescale.jar} entry of a configuration: how savepoint-redeploy finds the job's jar on the cluster
 * (exactly one of an uploaded jar's {@code id}, its file {@code name}, or a local {@code file} the advisor
 * uploads), with the entry class and program arguments to resubmit it with.
 */
public record RescaleJar(String locatorKey, String locator, Optional<String> entryClass, List<String> args) {

    public RescaleJar {
        Objects.requireNonNull(locator, "locator");
        if (!List.of("id", "name", "file").contains(locatorKey)) {
            throw new IllegalArgumentException("a rescale jar is found by id, name or file, not " + locatorKey);
        }
        Objects.requireNonNull(entryClass, "entryClass");
        args = List.copyOf(args);
    }

    /** The newest jar uploaded under this file name, e.g. {@code testbed-loadjob-0.1.0-SNAPSHOT.jar}. */
    public static RescaleJar byName(String fileName) {
        return new RescaleJar("name", fileName, Optional.empty(), List.of());
    }

    /** A local jar the advisor uploads itself when the cluster has no copy yet. */
    public static RescaleJar byFile(Path jar) {
        return new RescaleJar("file", jar.toAbsolutePath().toString(), Optional.empty(), List.of());
    }

    /** A jar already uploaded, by the id {@code GET /jars} lists. */
    public static RescaleJar byId(String id) {
        return new RescaleJar("id", id, Optional.empty(), List.of());
    }

    public RescaleJar withEntryClass(String className) {
        return new RescaleJar(locatorKey, locator, Optional.of(className), args);
    }

    public RescaleJar withArgs(List<String> programArgs) {
        return new RescaleJar(locatorKey, locator, entryClass, programArgs);
    }

    /** The mapping under {@code rescale: jar:}, as {@link AdvisorConfigFile} writes it. */
    public Map<String, Object> asMapping() {
        Map<String, Object> jar = new LinkedHashMap<>();
        jar.put(locatorKey, locator);
        entryClass.ifPresent(c -> jar.put("entryClass", c));
        if (!args.isEmpty()) {
            jar.put("args", args);
        }
        return jar;
    }
}

package dev.scalingadvisor.actions.rescale.request;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which jar resubmits a job after a savepoint, with its entry class and program arguments. Flink does
 * not remember a running job's jar, so savepoint-redeploy needs to be told.
 */
public record JobJar(Locator locator, Optional<String> entryClass, List<String> args) {

    public JobJar {
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(entryClass, "entryClass");
        args = List.copyOf(args);
    }

    /** How the jar is found on the cluster. */
    public sealed interface Locator {}

    /** A jar already uploaded, by the id {@code GET /jars} lists. */
    public record UploadedId(String id) implements Locator {
        public UploadedId {
            Objects.requireNonNull(id, "id");
        }
    }

    /** A local jar file the advisor uploads when no uploaded copy with the same name exists. */
    public record LocalFile(Path file) implements Locator {
        public LocalFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** The newest uploaded jar with this file name, found in {@code GET /jars}. */
    public record UploadedName(String name) implements Locator {
        public UploadedName {
            Objects.requireNonNull(name, "name");
        }
    }
}

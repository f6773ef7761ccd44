package dev.scalingadvisor.actions.flink;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code GET /jars}: a jar uploaded to the cluster.
 *
 * @param id           what {@code /jars/:id/run} takes (the stored file name, {@code <uuid>_<name>})
 * @param name         the file name it was uploaded with
 * @param entryClasses the classes Flink found as entry points (the manifest's first)
 */
public record UploadedJar(String id, String name, Instant uploaded, List<String> entryClasses) {

    public UploadedJar {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uploaded, "uploaded");
        entryClasses = List.copyOf(entryClasses);
    }
}

package dev.scalingadvisor.actions.rescale;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How savepoint-redeploy resubmits the job, resolved before the job is touched: an uploaded jar's id, or a
 * local jar file to upload first (its id is then recorded in the journal).
 */
public record JarSubmission(
        Optional<String> jarId,
        Optional<Path> uploadFile,
        Optional<String> entryClass,
        List<String> args,
        boolean allowNonRestoredState) {

    public JarSubmission {
        Objects.requireNonNull(jarId, "jarId");
        Objects.requireNonNull(uploadFile, "uploadFile");
        Objects.requireNonNull(entryClass, "entryClass");
        args = List.copyOf(args);
        if (jarId.isPresent() == uploadFile.isPresent()) {
            throw new IllegalArgumentException(
                    "a jar submission needs exactly one of an uploaded jar id or a file to upload");
        }
    }

    /** The same submission with the jar uploaded under {@code id}. */
    public JarSubmission uploadedAs(String id) {
        return new JarSubmission(Optional.of(id), Optional.empty(), entryClass, args, allowNonRestoredState);
    }
}

package dev.scalingadvisor.advisor.state;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only modes for what the advisor keeps on disk (0700 directories, 0600 files), set explicitly because
 * a mode asked for at creation is masked by the umask, which the advisor does not choose: the journal and
 * history name jobs, clusters and decisions, which other users of the host have no business reading.
 */
final class OwnerOnly {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** False on file systems without POSIX modes (there the operator's ACLs decide). */
    static boolean supported() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** {@code dir} created if missing (with its parents) and set to 0700. */
    static void directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (supported()) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }

    /** {@code file} created empty if missing, and set to 0600. */
    static void file(Path file) throws IOException {
        if (supported()) {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
            Files.setPosixFilePermissions(file, FILE);
        } else if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }

    /** {@code file} set to 0600 if it exists. */
    static void ifExists(Path file) throws IOException {
        if (supported() && Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }
}

package dev.scalingadvisor.advisor.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the advisor keeps on disk is readable by its own user only, whatever the umask. */
class OwnerOnlyTest {

    @TempDir
    Path tmp;

    @Test
    void createsTheStateDirectoryAndEveryDatabaseFileOwnerOnly() throws Exception {
        // Given a state directory that does not exist yet, under a process umask of 022 (group and others read)
        Path dir = tmp.resolve("state/advisor");

        // When the advisor opens it and writes its journal
        try (StateDirectory state = StateDirectory.open(dir);
                StateDatabase db = StateDatabase.open(state.database())) {
            new SnapshotStore(db.connection()).save("engine", "{\"v\":1}", Instant.EPOCH);

            // Then the directory is 0700 and the database, its WAL files and the lock are 0600
            assertThat(mode(dir)).isEqualTo("rwx------");
            List<String> files = List.of("advisor.db", "advisor.db-wal", "advisor.db-shm", "advisor.lock");
            for (String name : files) {
                assertThat(dir.resolve(name)).exists();
                assertThat(mode(dir.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void tightensWhatAnEarlierAdvisorLeftReadableByOthers() throws Exception {
        // Given a state directory and database left world-readable
        Path dir = tmp.resolve("state");
        try (StateDirectory state = StateDirectory.open(dir);
                StateDatabase db = StateDatabase.open(state.database())) {
            new SnapshotStore(db.connection()).save("engine", "{\"v\":1}", Instant.EPOCH);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("advisor.db"), PosixFilePermissions.fromString("rw-r--r--"));

        // When the advisor opens it again, Then both are owner-only
        try (StateDirectory state = StateDirectory.open(dir);
                StateDatabase db = StateDatabase.open(state.database())) {
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("advisor.db"))).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

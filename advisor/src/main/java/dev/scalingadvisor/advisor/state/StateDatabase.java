package dev.scalingadvisor.advisor.state;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite database in the state directory, shared by the stores that persist the advisor's state
 * (each creates its own tables). WAL mode with full synchronous commits: a journal row must be on disk
 * before the step it records happens, power cut or not.
 *
 * @param connection the one connection, made by {@link #open}. SQLite serialises writers anyway; stores synchronise
 *     on it for multi-statement transactions.
 */
public record StateDatabase(Path file, Connection connection) implements AutoCloseable {

    /**
     * Opens (or creates) the database, owner-only (0600) whatever the umask: SQLite creates its file with the
     * process' umask, and its -wal and -shm files with the database file's mode, so the file is made first.
     */
    public static StateDatabase open(Path file) throws SQLException {
        try {
            OwnerOnly.file(file);
            // Files left by an advisor before modes were set: tightened too.
            OwnerOnly.ifExists(Path.of(file + "-wal"));
            OwnerOnly.ifExists(Path.of(file + "-shm"));
        } catch (IOException e) {
            throw new SQLException("cannot make " + file + " and its journal files owner-only: " + e.getMessage(), e);
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
            return new StateDatabase(file, connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

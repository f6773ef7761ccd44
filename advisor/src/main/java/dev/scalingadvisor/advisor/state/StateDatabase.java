package dev.scalingadvisor.advisor.state;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite database in the state directory, shared by the stores that persist the advisor's state
 * (each creates its own tables), in WAL mode over two connections that differ only in what a commit waits for:
 *
 * <ul>
 *   <li>{@link #connection()}: full synchronous commits, for what must be on disk before the step it records
 *       happens, power cut or not: the rescale journal, the pauses, the snapshots.
 *   <li>{@link #recordsConnection()}: normal synchronous commits, for the decision history and the notification log.
 *       A commit there waits for no disk flush (WAL with {@code synchronous=NORMAL}); a power cut can lose its last
 *       rows, never corrupt the file, and the rows it writes for every decision, finding and rescale step cost no
 *       flush each.
 * </ul>
 *
 * <p>Made by {@link #open}, which sets both connections up. SQLite serialises writers across them; stores
 * synchronise on their connection for multi-statement transactions.
 *
 * @param connection the connection whose commits are on disk when they return
 * @param recordsConnection the connection whose commits a power cut may lose (never the journal's)
 */
public record StateDatabase(Path file, Connection connection, Connection recordsConnection) implements AutoCloseable {

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
        Connection connection = open(file, "FULL");
        try {
            return new StateDatabase(file, connection, open(file, "NORMAL"));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** A connection in WAL mode with that synchronous level; a writer waits up to 5 s for the other connection. */
    private static Connection open(Path file, String synchronous) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + synchronous);
            s.execute("PRAGMA busy_timeout=5000");
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            recordsConnection.close();
        } finally {
            connection.close();
        }
    }
}

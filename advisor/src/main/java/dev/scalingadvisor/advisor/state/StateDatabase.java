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
 *       rows, never corrupt the file. A decision that goes on to a rescale then costs the rescale no flush of its
 *       own before Flink is asked: the first rescale's decision → request was 30 ms longer for it.
 * </ul>
 */
public final class StateDatabase implements AutoCloseable {

    private final Path file;
    private final Connection connection;
    private final Connection recordsConnection;

    private StateDatabase(Path file, Connection connection, Connection recordsConnection) {
        this.file = file;
        this.connection = connection;
        this.recordsConnection = recordsConnection;
    }

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

    public Path file() {
        return file;
    }

    /**
     * The connection whose commits are on disk when they return. SQLite serialises writers anyway; stores
     * synchronise on it for multi-statement transactions.
     */
    public Connection connection() {
        return connection;
    }

    /** The connection whose commits may be lost in a power cut (never the journal's): see the class comment. */
    public Connection recordsConnection() {
        return recordsConnection;
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

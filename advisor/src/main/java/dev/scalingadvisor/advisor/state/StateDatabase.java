package dev.scalingadvisor.advisor.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite database in the state directory, shared by the stores that persist the advisor's state
 * (each creates its own tables). WAL mode with full synchronous commits: a journal row must be on disk
 * before the step it records happens, power cut or not.
 */
public final class StateDatabase implements AutoCloseable {

    private final Path file;
    private final Connection connection;

    private StateDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static StateDatabase open(Path file) throws SQLException {
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

    public Path file() {
        return file;
    }

    /**
     * The one connection. SQLite serialises writers anyway; stores synchronise on it for multi-statement
     * transactions.
     */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

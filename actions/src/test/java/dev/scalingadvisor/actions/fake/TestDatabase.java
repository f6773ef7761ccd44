package dev.scalingadvisor.actions.fake;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens a SQLite file the way the daemon opens its state database (WAL, synchronous=FULL). */
public final class TestDatabase {

    private TestDatabase() {}

    public static Connection open(Path file) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.scalingadvisor.advisor.state;

import dev.scalingadvisor.core.schema.Migration;
import dev.scalingadvisor.core.schema.VersionedSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Named JSON snapshots in the state database: the rule engine's per-job state and the notifiers' dedup
 * state, written after every cycle so that a restarted advisor carries on where it stopped.
 */
public final class SnapshotStore {

    /** The table and its migrations, in order; version 1 is the table as 0.1.0 created it. */
    static final VersionedSchema SCHEMA = VersionedSchema.of(
            "snapshot",
            Migration.of(
                    1,
                    "named JSON snapshots",
                    "CREATE TABLE IF NOT EXISTS snapshot (name TEXT PRIMARY KEY, saved_ms INTEGER NOT NULL, json TEXT NOT NULL)"));

    private final Connection connection;

    public SnapshotStore(Connection connection) throws SQLException {
        this.connection = connection;
        SCHEMA.migrate(connection);
    }

    public void save(String name, String json, Instant at) throws SQLException {
        synchronized (connection) {
            try (PreparedStatement p =
                    connection.prepareStatement("INSERT INTO snapshot (name, saved_ms, json) VALUES (?, ?, ?) "
                            + "ON CONFLICT (name) DO UPDATE SET saved_ms = excluded.saved_ms, json = excluded.json")) {
                p.setString(1, name);
                p.setLong(2, at.toEpochMilli());
                p.setString(3, json);
                p.executeUpdate();
            }
        }
    }

    public Optional<String> load(String name) throws SQLException {
        synchronized (connection) {
            try (PreparedStatement p = connection.prepareStatement("SELECT json FROM snapshot WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        }
    }
}

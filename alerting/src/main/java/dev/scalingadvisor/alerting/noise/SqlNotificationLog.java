package dev.scalingadvisor.alerting.noise;

import dev.scalingadvisor.core.schema.Migration;
import dev.scalingadvisor.core.schema.VersionedSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NotificationLog} kept in the advisor's state database (table {@code notification_log}), so
 * {@code repeatInterval} holds across restarts and crashes. Reads come from memory, loaded once; each
 * change is written through at once. A failed write is logged and delivery goes on: at worst a
 * notification is repeated after a restart.
 */
public final class SqlNotificationLog implements NotificationLog {

    private static final Logger LOG = LoggerFactory.getLogger(SqlNotificationLog.class);

    /** The table and its migrations, in order; version 1 is the table as 0.1.0 created it. */
    static final VersionedSchema SCHEMA =
            VersionedSchema.of("notification_log", Migration.of(1, "the last notification per notifier and key", """
                    CREATE TABLE IF NOT EXISTS notification_log (
                      notifier    TEXT    NOT NULL,
                      dedup_key   TEXT    NOT NULL,
                      fingerprint TEXT    NOT NULL,
                      sent_at_ms  INTEGER NOT NULL,
                      PRIMARY KEY (notifier, dedup_key)
                    )"""));

    private final Connection connection;
    private final InMemoryNotificationLog cache = new InMemoryNotificationLog();

    /**
     * Creates or migrates the table and loads it. The connection is shared with the advisor's other
     * stores; statements synchronise on it.
     *
     * @throws SQLException when the table cannot be created or read: the daemon should not start without its state
     */
    public SqlNotificationLog(Connection connection) throws SQLException {
        this.connection = Objects.requireNonNull(connection, "connection");
        synchronized (connection) {
            SCHEMA.migrate(connection);
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery(
                            "SELECT notifier, dedup_key, fingerprint, sent_at_ms FROM notification_log")) {
                while (rows.next()) {
                    cache.record(new Entry(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            Instant.ofEpochMilli(rows.getLong(4))));
                }
            }
        }
    }

    @Override
    public Optional<Entry> last(String notifier, String dedupKey) {
        return cache.last(notifier, dedupKey);
    }

    @Override
    public void record(Entry entry) {
        cache.record(entry);
        write(
                "record",
                "INSERT OR REPLACE INTO notification_log (notifier, dedup_key, fingerprint, sent_at_ms) VALUES (?, ?, ?, ?)",
                entry.notifier(),
                entry.dedupKey(),
                entry.fingerprint(),
                entry.at().toEpochMilli());
    }

    @Override
    public void forget(String notifier, String dedupKey) {
        cache.forget(notifier, dedupKey);
        write("forget", "DELETE FROM notification_log WHERE notifier = ? AND dedup_key = ?", notifier, dedupKey);
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        cache.forgetBefore(cutoff);
        write("prune", "DELETE FROM notification_log WHERE sent_at_ms < ?", cutoff.toEpochMilli());
    }

    private void write(String what, String sql, Object... parameters) {
        synchronized (connection) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.executeUpdate();
            } catch (SQLException e) {
                LOG.warn(
                        "could not {} in the notification log ({}); delivery goes on, but after a restart a notification may be repeated early",
                        what,
                        e.getMessage());
            }
        }
    }
}

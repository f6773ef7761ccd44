package dev.scalingadvisor.core.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables one module owns in a shared database, with their ordered {@link Migration}s. {@link
 * #migrate} brings them to the newest version: it reads the version the database is at from the table
 * {@code schema_version} (one row per owner), runs each newer migration in a transaction of its own
 * together with the new version number, and refuses a database a newer release has already migrated
 * further. A database from before versioning reads as version 0; version 1 of every owner creates its
 * tables only if they do not exist, so such a database keeps its rows and is simply stamped.
 *
 * <p>Plain JDBC with standard SQL for the bookkeeping, so that a store on another database can use it too.
 * Callers that share one connection synchronise on it, as the stores do.
 */
public final class VersionedSchema {

    private static final Logger LOG = LoggerFactory.getLogger(VersionedSchema.class);

    private final String owner;
    private final List<Migration> migrations;

    private VersionedSchema(String owner, List<Migration> migrations) {
        this.owner = owner;
        this.migrations = migrations;
    }

    /**
     * {@code owner} names the tables' owner in {@code schema_version}; never rename it. The migrations are
     * numbered 1, 2, 3, … in order.
     */
    public static VersionedSchema of(String owner, Migration... migrations) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("a schema owner needs a name");
        }
        if (migrations.length == 0) {
            throw new IllegalArgumentException(owner + ": no migration");
        }
        for (int i = 0; i < migrations.length; i++) {
            if (migrations[i].version() != i + 1) {
                throw new IllegalArgumentException(owner + ": migration " + (i + 1) + " is numbered "
                        + migrations[i].version() + "; migrations are numbered 1, 2, 3, … in order");
            }
        }
        return new VersionedSchema(owner, List.of(migrations));
    }

    public String owner() {
        return owner;
    }

    /** The version the newest migration brings the tables to. */
    public int latestVersion() {
        return migrations.size();
    }

    /**
     * Runs the migrations the database has not had yet and returns the version it is at now.
     *
     * @throws NewerSchemaException when a newer release has migrated these tables beyond what this one knows
     * @throws SQLException when a migration fails; its transaction is rolled back and the version stays
     */
    public int migrate(Connection connection) throws SQLException {
        return migrate(connection, Clock.systemUTC());
    }

    int migrate(Connection connection, Clock clock) throws SQLException {
        synchronized (connection) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "owner VARCHAR(100) PRIMARY KEY, version INTEGER NOT NULL, migrated_at_ms BIGINT NOT NULL)");
            }
            int current = currentVersion(connection);
            if (current > latestVersion()) {
                throw new NewerSchemaException(owner, current, latestVersion());
            }
            for (Migration migration : migrations.subList(current, migrations.size())) {
                apply(connection, migration, clock);
                if (current > 0) {
                    LOG.info(
                            "state database: {} schema migrated to version {} ({})",
                            owner,
                            migration.version(),
                            migration.description());
                }
            }
            return latestVersion();
        }
    }

    /** The version the database is at for {@code owner}: 0 when it has none recorded. */
    public static int versionOf(Connection connection, String owner) throws SQLException {
        synchronized (connection) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, "schema_version", null)) {
                if (!tables.next()) {
                    return 0;
                }
            }
            try (PreparedStatement p =
                    connection.prepareStatement("SELECT version FROM schema_version WHERE owner = ?")) {
                p.setString(1, owner);
                try (ResultSet row = p.executeQuery()) {
                    return row.next() ? row.getInt(1) : 0;
                }
            }
        }
    }

    private int currentVersion(Connection connection) throws SQLException {
        return versionOf(connection, owner);
    }

    private void apply(Connection connection, Migration migration, Clock clock) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement s = connection.createStatement()) {
                for (String statement : migration.statements()) {
                    s.execute(statement);
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE schema_version SET version = ?, migrated_at_ms = ? WHERE owner = ?")) {
                update.setInt(1, migration.version());
                update.setLong(2, clock.millis());
                update.setString(3, owner);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO schema_version (owner, version, migrated_at_ms) VALUES (?, ?, ?)")) {
                        insert.setString(1, owner);
                        insert.setInt(2, migration.version());
                        insert.setLong(3, clock.millis());
                        insert.executeUpdate();
                    }
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw new SQLException(
                    owner + ": schema migration " + migration.version() + " ("
                            + migration.description() + ") failed, the database stays at version "
                            + (migration.version() - 1) + ": " + e.getMessage(),
                    e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}

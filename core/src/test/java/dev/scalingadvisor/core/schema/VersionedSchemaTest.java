package dev.scalingadvisor.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionedSchemaTest {

    private static final Migration CREATE_JOBS = Migration.of(
            1, "jobs", "CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, parallelism INTEGER NOT NULL)");
    private static final Migration ADD_PAUSED =
            Migration.of(2, "jobs can be paused", "ALTER TABLE jobs ADD COLUMN paused INTEGER NOT NULL DEFAULT 0");

    @TempDir
    Path dir;

    @Test
    void addsAColumnToADatabaseAtTheOlderVersionAndKeepsItsRows() throws SQLException {
        try (Connection db = open()) {
            VersionedSchema.of("jobs", CREATE_JOBS).migrate(db);
            execute(db, "INSERT INTO jobs VALUES ('orders', 4)", "INSERT INTO jobs VALUES ('payments', 2)");
        }

        try (Connection db = open()) {
            int version = VersionedSchema.of("jobs", CREATE_JOBS, ADD_PAUSED).migrate(db);

            assertThat(version).isEqualTo(2);
            assertThat(VersionedSchema.versionOf(db, "jobs")).isEqualTo(2);
            assertThat(rows(db, "SELECT id || ':' || parallelism || ':' || paused FROM jobs ORDER BY id"))
                    .containsExactly("orders:4:0", "payments:2:0");
        }
    }

    @Test
    void stampsADatabaseWrittenBeforeVersioningWithoutTouchingItsRows() throws SQLException {
        try (Connection db = open()) {
            execute(db, "CREATE TABLE jobs (id TEXT PRIMARY KEY, parallelism INTEGER NOT NULL)");
            execute(db, "INSERT INTO jobs VALUES ('orders', 4)");
        }

        try (Connection db = open()) {
            assertThat(VersionedSchema.versionOf(db, "jobs")).isZero();

            VersionedSchema.of("jobs", CREATE_JOBS, ADD_PAUSED).migrate(db);

            assertThat(VersionedSchema.versionOf(db, "jobs")).isEqualTo(2);
            assertThat(rows(db, "SELECT id || ':' || paused FROM jobs")).containsExactly("orders:0");
        }
    }

    @Test
    void migratingAgainChangesNothing() throws SQLException {
        try (Connection db = open()) {
            VersionedSchema schema = VersionedSchema.of("jobs", CREATE_JOBS, ADD_PAUSED);
            schema.migrate(db);
            execute(db, "INSERT INTO jobs (id, parallelism) VALUES ('orders', 4)");

            assertThat(schema.migrate(db)).isEqualTo(2);
            assertThat(rows(db, "SELECT count(*) FROM jobs")).containsExactly("1");
        }
    }

    @Test
    void refusesADatabaseThatANewerReleaseMigratedFurther() throws SQLException {
        try (Connection db = open()) {
            VersionedSchema.of("jobs", CREATE_JOBS, ADD_PAUSED).migrate(db);

            assertThatThrownBy(() -> VersionedSchema.of("jobs", CREATE_JOBS).migrate(db))
                    .isInstanceOf(NewerSchemaException.class)
                    .hasMessageContaining("jobs tables are at schema version 2")
                    .hasMessageContaining("knows versions up to 1");
            assertThat(VersionedSchema.versionOf(db, "jobs")).isEqualTo(2);
        }
    }

    @Test
    void aFailedMigrationLeavesTablesAndVersionAsTheyWere() throws SQLException {
        Migration broken = Migration.of(
                2,
                "half of it works",
                "ALTER TABLE jobs ADD COLUMN paused INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE no_such_table ADD COLUMN x TEXT");
        try (Connection db = open()) {
            VersionedSchema.of("jobs", CREATE_JOBS).migrate(db);

            assertThatThrownBy(() ->
                            VersionedSchema.of("jobs", CREATE_JOBS, broken).migrate(db))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("jobs: schema migration 2 (half of it works) failed")
                    .hasMessageContaining("stays at version 1");

            assertThat(VersionedSchema.versionOf(db, "jobs")).isEqualTo(1);
            assertThat(rows(db, "SELECT name FROM pragma_table_info('jobs')")).containsExactly("id", "parallelism");
            assertThat(db.getAutoCommit()).isTrue();
        }
    }

    @Test
    void eachOwnerHasAVersionOfItsOwn() throws SQLException {
        try (Connection db = open()) {
            VersionedSchema.of("jobs", CREATE_JOBS, ADD_PAUSED).migrate(db);
            VersionedSchema.of("notes", Migration.of(1, "notes", "CREATE TABLE IF NOT EXISTS notes (text TEXT)"))
                    .migrate(db);

            assertThat(VersionedSchema.versionOf(db, "jobs")).isEqualTo(2);
            assertThat(VersionedSchema.versionOf(db, "notes")).isEqualTo(1);
        }
    }

    @Test
    void migrationsMustBeNumberedInOrder() {
        assertThatThrownBy(() -> VersionedSchema.of("jobs", ADD_PAUSED, CREATE_JOBS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jobs: migration 1 is numbered 2");
        assertThatThrownBy(() -> VersionedSchema.of("jobs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no migration");
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
    }

    private static void execute(Connection db, String... statements) throws SQLException {
        try (Statement s = db.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static List<String> rows(Connection db, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }
}

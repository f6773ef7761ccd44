package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.core.schema.Migration;
import dev.scalingadvisor.core.schema.VersionedSchema;
import java.sql.Connection;
import java.sql.SQLException;

/** The rescale journal's tables, created or migrated to the newest version (the daemon's other stores share the database). */
final class JournalSchema {

    private JournalSchema() {}

    /**
     * The journal's tables and their migrations, in order. Version 1 is the schema as 0.1.0 created it; a
     * change is a new migration, never an edit of a released one.
     */
    static final VersionedSchema SCHEMA = VersionedSchema.of(
            "rescale_journal",
            Migration.of(
                    1,
                    "rescale operations and their steps",
                    """
                    CREATE TABLE IF NOT EXISTS rescale_operations (
                      id TEXT PRIMARY KEY,
                      cluster TEXT NOT NULL,
                      job_id TEXT NOT NULL,
                      job_name TEXT NOT NULL,
                      strategy TEXT NOT NULL,
                      plan TEXT NOT NULL,
                      state TEXT NOT NULL,
                      trigger_id TEXT,
                      savepoint_path TEXT,
                      planned_job_id TEXT,
                      current_job_id TEXT,
                      previous_requirements TEXT,
                      outcome TEXT,
                      detail TEXT,
                      started_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL,
                      finished_at INTEGER
                    )""",
                    "CREATE INDEX IF NOT EXISTS rescale_operations_by_job ON rescale_operations (cluster, job_name, started_at)",
                    "CREATE INDEX IF NOT EXISTS rescale_operations_open ON rescale_operations (finished_at)",
                    """
                    CREATE TABLE IF NOT EXISTS rescale_steps (
                      operation_id TEXT NOT NULL REFERENCES rescale_operations (id),
                      seq INTEGER NOT NULL,
                      step TEXT NOT NULL,
                      phase TEXT NOT NULL,
                      at INTEGER NOT NULL,
                      detail TEXT,
                      PRIMARY KEY (operation_id, seq)
                    )"""));

    static void create(Connection connection) throws SQLException {
        SCHEMA.migrate(connection);
    }
}

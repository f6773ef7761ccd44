package dev.scalingadvisor.actions.rescale;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The rescale journal's tables, created if they do not exist yet (the daemon's other stores share the database). */
final class JournalSchema {

    private JournalSchema() {}

    static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("""
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
                    )""");
            s.execute(
                    "CREATE INDEX IF NOT EXISTS rescale_operations_by_job ON rescale_operations (cluster, job_name, started_at)");
            s.execute("CREATE INDEX IF NOT EXISTS rescale_operations_open ON rescale_operations (finished_at)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS rescale_steps (
                      operation_id TEXT NOT NULL REFERENCES rescale_operations (id),
                      seq INTEGER NOT NULL,
                      step TEXT NOT NULL,
                      phase TEXT NOT NULL,
                      at INTEGER NOT NULL,
                      detail TEXT,
                      PRIMARY KEY (operation_id, seq)
                    )""");
        }
    }
}

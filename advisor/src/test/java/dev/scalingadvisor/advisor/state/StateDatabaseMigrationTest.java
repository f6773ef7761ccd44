package dev.scalingadvisor.advisor.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.rescale.OperationState;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.actions.rescale.RescalePlan;
import dev.scalingadvisor.alerting.noise.SqlNotificationLog;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.schema.VersionedSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgraded installation: the state database as release 0.1.0 left it (its tables, no schema versions),
 * with an open rescale, history, a snapshot and a notification, opened by this release's stores.
 */
class StateDatabaseMigrationTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    /** A plan as release 0.1.0 journaled it: vertices keyed by id, without names. */
    private static final String PLAN_010 = "{\"id\":\"5f0c7e2a-8d1b-4c3e-9a7f-2b6d4e8c1a03\",\"cluster\":\"prod\","
            + "\"job\":\"0123456789abcdef0123456789abcdef\",\"jobName\":\"orders\",\"reason\":\"busy 1000 ms/s\","
            + "\"strategy\":\"SAVEPOINT_REDEPLOY\",\"vertices\":{\"heavy\":{\"from\":2,\"to\":4},\"source\":{\"from\":1,\"to\":1}},"
            + "\"jar\":{\"jarId\":\"1b2c_orders.jar\",\"args\":[],\"allowNonRestoredState\":false},"
            + "\"savepointDir\":\"file:///sp\",\"limits\":{\"savepointTimeoutMs\":600000,\"runningTimeoutMs\":300000,"
            + "\"verifyWindowMs\":120000,\"submitAttempts\":3,\"submitBackoffMs\":10000,\"submitTimeoutMs\":60000,"
            + "\"pollIntervalMs\":1000}}";

    @Test
    void opensTheDatabaseOfRelease010WithEveryRowAndStampsEachSchema() throws Exception {
        RescalePlan plan = RescalePlan.fromJson(PLAN_010);
        try (StateDatabase db = StateDatabase.open(dir.resolve("advisor.db"))) {
            execute(db.connection(), schema010());
            insertOpenRescale(db.connection(), plan.id().value(), PLAN_010);
            execute(
                    db.connection(),
                    "INSERT INTO decision_history (at_ms, cluster, job_id, job_name, kind, direction,"
                            + " current_parallelism, target_parallelism, mode, summary, details) VALUES ("
                            + T0.toEpochMilli() + ", 'prod', 'a1', 'orders', 'decision', 'up', 2, 4, 'act',"
                            + " 'scale up 2 -> 4', '{}')",
                    "INSERT INTO snapshot VALUES ('engine', " + T0.toEpochMilli() + ", '{\"v\":1}')",
                    "INSERT INTO notification_log VALUES ('team-data', 'orders/up', 'f1', " + T0.toEpochMilli() + ")");
        }

        try (StateDatabase db = StateDatabase.open(dir.resolve("advisor.db"))) {
            Connection connection = db.connection();
            RescaleJournal journal = new RescaleJournal(connection, Clock.fixed(T0, ZoneOffset.UTC));
            DecisionHistory history = new DecisionHistory(connection);
            SnapshotStore snapshots = new SnapshotStore(connection);
            SqlNotificationLog notifications = new SqlNotificationLog(connection);

            assertThat(journal.open()).singleElement().satisfies(entry -> {
                assertThat(entry.plan().id()).isEqualTo(plan.id());
                assertThat(entry.state()).isEqualTo(OperationState.SAVEPOINT_TAKEN);
                assertThat(entry.savepointPath()).hasValue("file:///sp/savepoint-1");
                // Its vertices had no names then: their ids stand in for them.
                assertThat(entry.plan().vertices().changed().vertices())
                        .containsExactly(new ParallelismChange(new VertexId("heavy"), "heavy", 2, 4));
            });
            assertThat(history.recent(Optional.empty(), Optional.empty(), 10))
                    .singleElement()
                    .satisfies(entry -> assertThat(entry.summary()).isEqualTo("scale up 2 -> 4"));
            assertThat(snapshots.load("engine")).hasValue("{\"v\":1}");
            assertThat(notifications.last("team-data", "orders/up"))
                    .hasValueSatisfying(entry -> assertThat(entry.at()).isEqualTo(T0));
            for (String owner : List.of("rescale_journal", "decision_history", "snapshot", "notification_log")) {
                assertThat(VersionedSchema.versionOf(connection, owner))
                        .as(owner)
                        .isEqualTo(1);
            }
        }
    }

    private static String[] schema010() throws IOException {
        try (InputStream in = StateDatabaseMigrationTest.class.getResourceAsStream("/state/schema-0.1.0.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return java.util.Arrays.stream(text.split(";"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toArray(String[]::new);
        }
    }

    private static void insertOpenRescale(Connection connection, String id, String planJson) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO rescale_operations (id, cluster, job_id, job_name, strategy, plan, state, savepoint_path,"
                        + " current_job_id, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, "prod");
            p.setString(3, "0123456789abcdef0123456789abcdef");
            p.setString(4, "orders");
            p.setString(5, "SAVEPOINT_REDEPLOY");
            p.setString(6, planJson);
            p.setString(7, OperationState.SAVEPOINT_TAKEN.name());
            p.setString(8, "file:///sp/savepoint-1");
            p.setString(9, "0123456789abcdef0123456789abcdef");
            p.setLong(10, T0.toEpochMilli());
            p.setLong(11, T0.toEpochMilli());
            p.executeUpdate();
        }
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}

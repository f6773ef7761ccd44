package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.ResourceRequirements;
import dev.scalingadvisor.actions.flink.TriggerId;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rescale journal in the daemon's SQLite state database: one row per operation and a log of its steps,
 * each written before the step happens and after it. Every write is committed before the method returns
 * (the daemon runs the database with WAL and {@code synchronous=FULL}), so what the journal says survives a
 * crash or a power cut at any point: in particular a savepoint's path is on disk before the advisor does
 * anything else. Writes synchronise on the connection, as the daemon's other stores do.
 */
public final class RescaleJournal {

    private static final Logger LOG = LoggerFactory.getLogger(RescaleJournal.class);

    private final Connection connection;
    private final Clock clock;
    /** Rows that could not be read, by operation id: left in the table untouched, skipped by every read. */
    private final Map<String, Unreadable> unreadable = new ConcurrentHashMap<>();

    /** Uses {@code connection} and creates the journal's tables if they do not exist yet. */
    public RescaleJournal(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
        synchronized (connection) {
            try {
                JournalSchema.create(connection);
            } catch (SQLException e) {
                throw new JournalException("could not create the rescale journal's tables", e);
            }
        }
    }

    /** Records a new operation in state {@link OperationState#STARTED}. */
    public void begin(RescalePlan plan) {
        long now = now();
        transaction(() -> {
            try (PreparedStatement s = connection.prepareStatement("""
                    INSERT INTO rescale_operations (id, cluster, job_id, job_name, strategy, plan, state, current_job_id,
                      detail, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                s.setString(1, plan.id().value());
                s.setString(2, plan.cluster().value());
                s.setString(3, plan.job().id().value());
                s.setString(4, plan.job().name());
                s.setString(5, plan.strategy().name());
                s.setString(6, plan.toJson());
                s.setString(7, OperationState.STARTED.name());
                s.setString(8, plan.job().id().value());
                s.setString(9, plan.reason());
                s.setLong(10, now);
                s.setLong(11, now);
                s.executeUpdate();
            }
        });
    }

    /** A row before {@code step} happens. */
    public void stepBegan(OperationId id, Step step, String detail) {
        transaction(() -> addStep(id, step, JournalEntry.Phase.BEGIN, detail));
    }

    /** A row after {@code step} succeeded. */
    public void stepEnded(OperationId id, Step step, String detail) {
        transaction(() -> addStep(id, step, JournalEntry.Phase.END, detail));
    }

    /**
     * A row for a step that began or ended at {@code at} rather than now: when Flink's own timestamps show it
     * (e.g. when the last subtask became RUNNING), which the advisor sees only a poll or a cache refresh later.
     */
    public void step(OperationId id, Step step, JournalEntry.Phase phase, Instant at, String detail) {
        transaction(() -> addStep(id, step, phase, at.toEpochMilli(), detail));
    }

    /** A row after {@code step} failed, with the reason. */
    public void stepFailed(OperationId id, Step step, String detail) {
        transaction(() -> addStep(id, step, JournalEntry.Phase.FAILED, detail));
    }

    /** Before the stop-with-savepoint request: its trigger id, so the savepoint can be found whatever happens next. */
    public void stopRequested(OperationId id, TriggerId trigger) {
        transaction(() -> {
            update(id, "state = ?, trigger_id = ?", OperationState.STOPPING.name(), trigger.value());
            addStep(id, Step.SAVEPOINT, JournalEntry.Phase.BEGIN, "trigger " + trigger);
        });
    }

    /** The savepoint completed: its path, durably, before anything else happens. */
    public void savepointTaken(OperationId id, String location) {
        transaction(() -> {
            update(id, "state = ?, savepoint_path = ?", OperationState.SAVEPOINT_TAKEN.name(), location);
            addStep(id, Step.SAVEPOINT, JournalEntry.Phase.END, location);
        });
    }

    /** Before a submission: the job id it asks for, so a lost answer can be checked instead of submitting twice. */
    public void submitPlanned(OperationId id, OperationState state, JobId planned, String detail) {
        transaction(() -> {
            update(id, "state = ?, planned_job_id = ?", state.name(), planned.value());
            addStep(id, Step.SUBMIT, JournalEntry.Phase.BEGIN, "job id " + planned + "; " + detail);
        });
    }

    /** The submission was answered (or the planned job was found): the job the operation now watches. */
    public void submitted(OperationId id, OperationState state, JobId job) {
        transaction(() -> {
            update(id, "state = ?, current_job_id = ?", state.name(), job.value());
            addStep(id, Step.SUBMIT, JournalEntry.Phase.END, "job " + job);
        });
    }

    /** Before the PUT of new resource requirements: the previous ones, which a rollback restores. */
    public void requirementsChanging(OperationId id, ResourceRequirements previous, ResourceRequirements next) {
        transaction(() -> {
            update(
                    id,
                    "state = ?, previous_requirements = ?",
                    OperationState.REQUIREMENTS_SENT.name(),
                    previous.toJson());
            addStep(id, Step.REQUIREMENTS, JournalEntry.Phase.BEGIN, next.toJson());
        });
    }

    /** Moves an open operation to another open state. */
    public void state(OperationId id, OperationState state, String detail) {
        transaction(() -> update(id, "state = ?, detail = ?", state.name(), detail));
    }

    /** Replaces the stored plan, e.g. once the jar was uploaded and has an id. */
    public void planUpdated(RescalePlan plan) {
        transaction(() -> update(plan.id(), "plan = ?", plan.toJson()));
    }

    /** Closes the operation with its outcome. */
    public void finish(OperationId id, OperationState state, String outcome, String detail) {
        if (!state.isClosed()) {
            throw new IllegalArgumentException(state + " is not a final state");
        }
        long now = now();
        transaction(() ->
                update(id, "state = ?, outcome = ?, detail = ?, finished_at = ?", state.name(), outcome, detail, now));
    }

    /** Operations not finished: what recovery must resume or roll back, oldest first. */
    public List<JournalEntry> open() {
        return query("WHERE finished_at IS NULL ORDER BY started_at", List.of());
    }

    public Optional<JournalEntry> entry(OperationId id) {
        return query("WHERE id = ?", List.of(id.value())).stream().findFirst();
    }

    /** The most recent operations of a job, newest first (a job keeps its name across redeploys, not its id). */
    public List<JournalEntry> history(ClusterName cluster, String jobName, int limit) {
        return query(
                "WHERE cluster = ? AND job_name = ? ORDER BY started_at DESC LIMIT " + Math.max(1, limit),
                List.of(cluster.value(), jobName));
    }

    /** Operations of a job started at or after {@code since}: the rescale budget. */
    public int startedSince(ClusterName cluster, String jobName, Instant since) {
        return count(
                "SELECT COUNT(*) FROM rescale_operations WHERE cluster = ? AND job_name = ? AND started_at >= ?",
                cluster.value(),
                jobName,
                since.toEpochMilli());
    }

    /** Open operations on a cluster: at most {@code maxConcurrentPerCluster}, and those left stopped count too. */
    public int openOn(ClusterName cluster) {
        return count(
                "SELECT COUNT(*) FROM rescale_operations WHERE cluster = ? AND finished_at IS NULL", cluster.value());
    }

    private int count(String sql, Object... args) {
        synchronized (connection) {
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            } catch (SQLException e) {
                throw new JournalException("could not read the rescale journal", e);
            }
        }
    }

    private List<JournalEntry> query(String where, List<String> args) {
        synchronized (connection) {
            List<JournalEntry> entries = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("""
                    SELECT id, cluster, plan, state, trigger_id, savepoint_path, planned_job_id, current_job_id, previous_requirements,
                      outcome, detail, started_at, updated_at, finished_at FROM rescale_operations """ + " " + where)) {
                bind(s, args.toArray());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        try {
                            entries.add(entry(rs));
                        } catch (RuntimeException e) {
                            quarantine(rs, e);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new JournalException("could not read the rescale journal", e);
            }
            return entries;
        }
    }

    /**
     * Open rows that could not be read (a plan written by a newer version, a damaged file): each keeps its cluster
     * from rescaling ({@link RescaleExecutor} refuses) and is named in {@code /readyz}, until it is repaired or removed.
     */
    public List<Unreadable> unreadableOpen() {
        return unreadable.values().stream().filter(Unreadable::open).toList();
    }

    /**
     * Sets an unreadable row aside instead of failing the read: one damaged row must not keep the daemon from
     * starting, nor hide every other operation. Logged once per row, with where it is and what happens now.
     */
    private void quarantine(ResultSet rs, RuntimeException e) throws SQLException {
        String id = rs.getString("id");
        boolean open = rs.getObject("finished_at") == null;
        Unreadable row = new Unreadable(
                id,
                rs.getString("cluster"),
                open,
                e.getClass().getSimpleName() + ": "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        if (unreadable.put(id, row) == null) {
            LOG.error(
                    "rescale journal: row {} of rescale_operations (cluster {}) cannot be read ({}); it is left as it is"
                            + " and skipped{}",
                    id,
                    row.cluster(),
                    row.why(),
                    open
                            ? "; it is open, so no rescale runs on cluster " + row.cluster()
                                    + " until the row is repaired or deleted (check the job by hand: it may be stopped)"
                            : "");
        }
    }

    /** A row of the journal that could not be read. */
    public record Unreadable(String id, String cluster, boolean open, String why) {
        /** In words, for {@code /readyz}. */
        public String describe() {
            return "rescale operation " + id + " on cluster " + cluster + " cannot be read from the journal (" + why
                    + "): no rescale runs on cluster " + cluster + " until the row is repaired or deleted; its job may"
                    + " be stopped";
        }
    }

    private JournalEntry entry(ResultSet rs) throws SQLException {
        return new JournalEntry(
                RescalePlan.fromJson(rs.getString("plan")),
                OperationState.valueOf(rs.getString("state")),
                text(rs, "trigger_id").map(TriggerId::new),
                text(rs, "savepoint_path"),
                text(rs, "planned_job_id").map(JobId::new),
                text(rs, "current_job_id").map(JobId::new),
                text(rs, "previous_requirements").map(ResourceRequirements::fromJson),
                text(rs, "outcome"),
                text(rs, "detail"),
                Instant.ofEpochMilli(rs.getLong("started_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                Optional.ofNullable(rs.getObject("finished_at"))
                        .map(v -> Instant.ofEpochMilli(((Number) v).longValue())),
                steps(rs.getString("id")));
    }

    private List<JournalEntry.StepRecord> steps(String operationId) throws SQLException {
        List<JournalEntry.StepRecord> steps = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT seq, step, phase, at, detail FROM rescale_steps WHERE operation_id = ? ORDER BY seq")) {
            s.setString(1, operationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    steps.add(new JournalEntry.StepRecord(
                            rs.getInt("seq"),
                            Step.valueOf(rs.getString("step")),
                            JournalEntry.Phase.valueOf(rs.getString("phase")),
                            Instant.ofEpochMilli(rs.getLong("at")),
                            text(rs, "detail")));
                }
            }
        }
        return steps;
    }

    private void addStep(OperationId id, Step step, JournalEntry.Phase phase, String detail) throws SQLException {
        addStep(id, step, phase, now(), detail);
    }

    private void addStep(OperationId id, Step step, JournalEntry.Phase phase, long at, String detail)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                INSERT INTO rescale_steps (operation_id, seq, step, phase, at, detail)
                VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM rescale_steps WHERE operation_id = ?), ?, ?, ?, ?)""")) {
            s.setString(1, id.value());
            s.setString(2, id.value());
            s.setString(3, step.name());
            s.setString(4, phase.name());
            s.setLong(5, at);
            if (detail == null) {
                s.setNull(6, Types.VARCHAR);
            } else {
                s.setString(6, detail);
            }
            s.executeUpdate();
        }
        update(id, "");
    }

    private void update(OperationId id, String assignments, Object... values) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE rescale_operations SET "
                + (assignments.isEmpty() ? "" : assignments + ", ") + "updated_at = ? WHERE id = ?")) {
            bind(s, values);
            s.setLong(values.length + 1, now());
            s.setString(values.length + 2, id.value());
            if (s.executeUpdate() != 1) {
                throw new SQLException("no rescale operation " + id + " in the journal");
            }
        }
    }

    private void transaction(SqlWork work) {
        synchronized (connection) {
            try {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    work.run();
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw new JournalException("could not write to the rescale journal", e);
            }
        }
    }

    private long now() {
        return clock.millis();
    }

    private static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                s.setNull(i + 1, Types.VARCHAR);
            } else if (value instanceof Long l) {
                s.setLong(i + 1, l);
            } else {
                s.setString(i + 1, value.toString());
            }
        }
    }

    private static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    /** A piece of journal work that runs inside one transaction. */
    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    /** The journal could not be read or written: the advisor must not touch a job it cannot journal. */
    public static final class JournalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JournalException(String message, SQLException cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}

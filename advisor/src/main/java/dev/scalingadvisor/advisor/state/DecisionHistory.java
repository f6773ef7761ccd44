package dev.scalingadvisor.advisor.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.schema.Migration;
import dev.scalingadvisor.core.schema.VersionedSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The decision history in the state database: what the advisor decided, recommended and did, per job,
 * newest first, kept for a retention period. Served on {@code /api/v1/decisions}.
 */
public final class DecisionHistory {

    /** The table and its migrations, in order; version 1 is the table as 0.1.0 created it. */
    static final VersionedSchema SCHEMA = VersionedSchema.of(
            "decision_history",
            Migration.of(
                    1,
                    "decisions per job",
                    """
                    CREATE TABLE IF NOT EXISTS decision_history (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      at_ms INTEGER NOT NULL,
                      cluster TEXT,
                      job_id TEXT NOT NULL,
                      job_name TEXT NOT NULL,
                      kind TEXT NOT NULL,
                      direction TEXT,
                      current_parallelism INTEGER,
                      target_parallelism INTEGER,
                      mode TEXT NOT NULL,
                      summary TEXT NOT NULL,
                      details TEXT NOT NULL)""",
                    "CREATE INDEX IF NOT EXISTS decision_history_job ON decision_history (job_id, at_ms)",
                    "CREATE INDEX IF NOT EXISTS decision_history_at ON decision_history (at_ms)"));

    private static final String SELECT = """
            SELECT at_ms, cluster, job_id, job_name, kind, direction, current_parallelism,
                   target_parallelism, mode, summary, details
            FROM decision_history
            """;

    private final Connection connection;

    public DecisionHistory(Connection connection) throws SQLException {
        this.connection = connection;
        SCHEMA.migrate(connection);
    }

    public void append(HistoryEntry entry) throws SQLException {
        synchronized (connection) {
            try (PreparedStatement p = connection.prepareStatement("""
                    INSERT INTO decision_history (at_ms, cluster, job_id, job_name, kind, direction,
                      current_parallelism, target_parallelism, mode, summary, details)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                p.setLong(1, entry.at().toEpochMilli());
                p.setString(2, entry.cluster().orElse(null));
                p.setString(3, entry.jobId());
                p.setString(4, entry.jobName());
                p.setString(5, entry.kind());
                p.setString(6, entry.direction().orElse(null));
                setOptionalInt(p, 7, entry.currentParallelism());
                setOptionalInt(p, 8, entry.targetParallelism());
                p.setString(9, entry.mode());
                p.setString(10, entry.summary());
                p.setString(11, entry.details());
                p.executeUpdate();
            }
        }
    }

    /**
     * The newest entries first.
     *
     * @param job   only this job (matched against the job id or the job name), or every job
     * @param since only entries at or after this instant, or all
     */
    public List<HistoryEntry> recent(Optional<String> job, Optional<Instant> since, int limit) throws SQLException {
        synchronized (connection) {
            try (PreparedStatement p = connection.prepareStatement(SELECT + """
                    WHERE (? IS NULL OR job_id = ? OR job_name = ?) AND at_ms >= ?
                    ORDER BY at_ms DESC, id DESC LIMIT ?""")) {
                p.setString(1, job.orElse(null));
                p.setString(2, job.orElse(null));
                p.setString(3, job.orElse(null));
                p.setLong(4, since.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
                p.setInt(5, limit);
                return read(p, entry -> true, limit);
            }
        }
    }

    /**
     * The newest entries first, of the jobs whose name or id {@code jobs} matches whole (SQLite has no regular
     * expressions: the rows since {@code since} are read newest first until {@code limit} of them match).
     */
    public List<HistoryEntry> recentMatching(JobNamePattern jobs, Optional<Instant> since, int limit)
            throws SQLException {
        synchronized (connection) {
            try (PreparedStatement p = connection.prepareStatement(SELECT + """
                    WHERE at_ms >= ?
                    ORDER BY at_ms DESC, id DESC""")) {
                p.setLong(1, since.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
                return read(p, entry -> jobs.matches(entry.jobName()) || jobs.matches(entry.jobId()), limit);
            }
        }
    }

    private static List<HistoryEntry> read(PreparedStatement query, Predicate<HistoryEntry> keep, int limit)
            throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (entries.size() < limit && rs.next()) {
                HistoryEntry entry = new HistoryEntry(
                        Instant.ofEpochMilli(rs.getLong(1)),
                        Optional.ofNullable(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        Optional.ofNullable(rs.getString(6)),
                        optionalInt(rs, 7),
                        optionalInt(rs, 8),
                        rs.getString(9),
                        rs.getString(10),
                        current(rs.getString(5), rs.getString(11)));
                if (keep.test(entry)) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    /**
     * A row's details as this version writes them. Rows of a finding written before 0.2 also carry
     * {@code "type": "Skew"}, the Java type name Jackson added beside the finding's own {@code kind}: it is left out
     * when read, so that what the API and the page serve is our vocabulary whatever version wrote the row.
     */
    static String current(String kind, String details) {
        if (!kind.equals("finding") || !details.contains("\"type\"")) {
            return details;
        }
        try {
            JsonNode json = Json.mapper().readTree(details);
            if (json instanceof ObjectNode object && object.path("type").isTextual() && object.has("kind")) {
                object.remove("type");
                return object.toString();
            }
        } catch (JsonProcessingException e) {
            // not JSON: served as stored, as every other row's details are
        }
        return details;
    }

    /** Deletes entries older than {@code cutoff}; returns how many. */
    public int deleteOlderThan(Instant cutoff) throws SQLException {
        synchronized (connection) {
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM decision_history WHERE at_ms < ?")) {
                p.setLong(1, cutoff.toEpochMilli());
                return p.executeUpdate();
            }
        }
    }

    private static void setOptionalInt(PreparedStatement p, int index, OptionalInt value) throws SQLException {
        if (value.isPresent()) {
            p.setInt(index, value.getAsInt());
        } else {
            p.setNull(index, Types.INTEGER);
        }
    }

    private static OptionalInt optionalInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }
}

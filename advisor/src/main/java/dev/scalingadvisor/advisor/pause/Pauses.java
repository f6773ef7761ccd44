package dev.scalingadvisor.advisor.pause;

import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.schema.Migration;
import dev.scalingadvisor.core.schema.VersionedSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pauses in force, kept in the state database so that a restart keeps them (table {@code job_pause}, one row
 * per job pattern). Read often (every cycle, every scrape) and changed rarely (by {@code scaling-advisor pause}
 * and {@code resume}): reads come from a copy in memory that every change replaces. A pause past its end no
 * longer holds and is deleted at the next change.
 */
public final class Pauses {

    private static final Logger LOG = LoggerFactory.getLogger(Pauses.class);

    /** The table and its migrations, in order. */
    static final VersionedSchema SCHEMA = VersionedSchema.of("job_pause", Migration.of(1, "paused job patterns", """
                    CREATE TABLE IF NOT EXISTS job_pause (
                      job_pattern TEXT PRIMARY KEY,
                      since_ms INTEGER NOT NULL,
                      until_ms INTEGER)"""));

    private final Connection connection;
    private volatile List<Pause> all;

    public Pauses(Connection connection) throws SQLException {
        this.connection = connection;
        SCHEMA.migrate(connection);
        this.all = read();
    }

    /** The pauses that hold at {@code at}, oldest first. */
    public List<Pause> holding(Instant at) {
        return all.stream().filter(p -> p.holdsAt(at)).toList();
    }

    /** The first pause holding {@code job} at {@code at}, if any. */
    public Optional<Pause> pausing(JobRef job, Instant at) {
        return all.stream().filter(p -> p.holdsAt(at) && p.matches(job)).findFirst();
    }

    /** Pauses the jobs {@code pause} matches; replaces a pause of the same pattern (a new {@code --for}). */
    public void add(Pause pause) throws SQLException {
        synchronized (connection) {
            deleteEnded(pause.since());
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT OR REPLACE INTO job_pause (job_pattern, since_ms, until_ms) VALUES (?, ?, ?)")) {
                p.setString(1, pause.pattern());
                p.setLong(2, pause.since().toEpochMilli());
                if (pause.until().isPresent()) {
                    p.setLong(3, pause.until().get().toEpochMilli());
                } else {
                    p.setNull(3, Types.INTEGER);
                }
                p.executeUpdate();
            }
            all = read();
        }
    }

    /**
     * Ends the pause of exactly this pattern, or every pause when empty.
     *
     * @return the pauses that held at {@code at} and were ended
     */
    public List<Pause> remove(Optional<String> pattern, Instant at) throws SQLException {
        synchronized (connection) {
            List<Pause> ended = holding(at).stream()
                    .filter(p -> pattern.map(p.pattern()::equals).orElse(true))
                    .toList();
            try (PreparedStatement p =
                    connection.prepareStatement("DELETE FROM job_pause WHERE ? IS NULL OR job_pattern = ?")) {
                p.setString(1, pattern.orElse(null));
                p.setString(2, pattern.orElse(null));
                p.executeUpdate();
            }
            deleteEnded(at);
            all = read();
            return ended;
        }
    }

    private void deleteEnded(Instant at) throws SQLException {
        try (PreparedStatement p =
                connection.prepareStatement("DELETE FROM job_pause WHERE until_ms IS NOT NULL AND until_ms <= ?")) {
            p.setLong(1, at.toEpochMilli());
            p.executeUpdate();
        }
    }

    private List<Pause> read() throws SQLException {
        synchronized (connection) {
            List<Pause> pauses = new ArrayList<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT job_pattern, since_ms, until_ms FROM job_pause ORDER BY since_ms")) {
                while (rs.next()) {
                    long untilMs = rs.getLong(3);
                    Optional<Instant> until =
                            rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(untilMs));
                    String pattern = rs.getString(1);
                    try {
                        pauses.add(new Pause(JobNamePattern.of(pattern), Instant.ofEpochMilli(rs.getLong(2)), until));
                    } catch (IllegalArgumentException e) {
                        // Stored by an advisor that took Java's regular expressions (back references,
                        // look-around), which RE2 leaves out to match in linear time.
                        LOG.error(
                                "the pause of jobs matching \"{}\" is ignored: {}; resume it and pause again",
                                pattern,
                                e.getMessage());
                    }
                }
            }
            return List.copyOf(pauses);
        }
    }
}

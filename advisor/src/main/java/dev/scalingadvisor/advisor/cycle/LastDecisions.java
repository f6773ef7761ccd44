package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.advisor.state.DecisionHistory;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each job's most recent decision (or recommendation) appeared, by job name: a savepoint redeploy gives the
 * job a new id, and "last decided" should survive it. A job seen for the first time since the start is looked up
 * in the decision history once, so a restart does not forget. Used on the evaluation thread only.
 */
final class LastDecisions {

    private static final Logger LOG = LoggerFactory.getLogger(LastDecisions.class);
    private static final Set<String> DECISION_KINDS = Set.of("decision", "recommendation");
    /** How far back the history is searched for a job's last decision: its rows of other kinds come first. */
    private static final int LOOKUP_ROWS = 200;

    private final DecisionHistory history;
    private final Map<String, Optional<Instant>> byJobName = new HashMap<>();

    LastDecisions(DecisionHistory history) {
        this.history = history;
    }

    void decided(String jobName, Instant at) {
        byJobName.put(jobName, Optional.of(at));
    }

    Optional<Instant> of(String jobName) {
        return byJobName.computeIfAbsent(jobName, this::fromHistory);
    }

    private Optional<Instant> fromHistory(String jobName) {
        try {
            return history.recent(Optional.of(jobName), Optional.empty(), LOOKUP_ROWS).stream()
                    .filter(entry -> DECISION_KINDS.contains(entry.kind()))
                    .map(HistoryEntry::at)
                    .findFirst();
        } catch (SQLException e) {
            LOG.warn("cannot read job {}'s last decision from the history: {}", jobName, e.getMessage());
            return Optional.empty();
        }
    }
}

package dev.scalingadvisor.advisor.state;

import java.util.Objects;

/** The stores in the state database the advisor writes: its decision history and its snapshots. */
public record Persistence(StateDatabase database, DecisionHistory history, SnapshotStore snapshots) {

    public Persistence {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(snapshots, "snapshots");
    }
}

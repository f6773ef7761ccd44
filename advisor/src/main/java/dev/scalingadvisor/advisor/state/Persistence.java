package dev.scalingadvisor.advisor.state;

import dev.scalingadvisor.advisor.pause.Pauses;
import java.sql.SQLException;
import java.util.Objects;

/** The stores in the state database the advisor writes: its decision history, its snapshots and the pauses. */
public record Persistence(StateDatabase database, DecisionHistory history, SnapshotStore snapshots, Pauses pauses) {

    public Persistence {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(pauses, "pauses");
    }

    /** Opens every store on the database's connection, migrating its tables first. */
    public static Persistence open(StateDatabase database) throws SQLException {
        return new Persistence(
                database,
                new DecisionHistory(database.connection()),
                new SnapshotStore(database.connection()),
                new Pauses(database.connection()));
    }
}

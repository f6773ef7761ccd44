package dev.scalingadvisor.advisor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.core.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoresTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void keepsHistoryAcrossReopeningNewestFirstAndFiltersByJobIdOrName() throws Exception {
        try (StateDirectory state = StateDirectory.open(dir);
                StateDatabase db = StateDatabase.open(state.database())) {
            DecisionHistory history = new DecisionHistory(db.connection());
            history.append(entry(T0, "a1", "orders", "recommendation"));
            history.append(entry(T0.plusSeconds(60), "b2", "payments", "decision"));
            history.append(entry(T0.plusSeconds(120), "a1", "orders", "recommendation-resolved"));
        }
        try (StateDirectory state = StateDirectory.open(dir);
                StateDatabase db = StateDatabase.open(state.database())) {
            DecisionHistory history = new DecisionHistory(db.connection());

            assertThat(history.recent(Optional.empty(), Optional.empty(), 10))
                    .extracting(HistoryEntry::kind)
                    .containsExactly("recommendation-resolved", "decision", "recommendation");
            assertThat(history.recent(Optional.of("orders"), Optional.empty(), 10))
                    .hasSize(2);
            assertThat(history.recent(Optional.of("b2"), Optional.empty(), 10))
                    .singleElement()
                    .satisfies(e -> assertThat(e.targetParallelism()).hasValue(3));
            assertThat(history.recent(Optional.empty(), Optional.of(T0.plusSeconds(60)), 10))
                    .hasSize(2);
            assertThat(history.deleteOlderThan(T0.plusSeconds(61))).isEqualTo(2);
        }
    }

    /**
     * A finding's row as versions before 0.2 wrote it, with Jackson's Java type name ({@code "type": "Skew"}) beside
     * the finding's kind: still read, and served in our vocabulary only.
     */
    @Test
    void aFindingRowOfTheOldShapeIsReadWithoutItsJavaTypeName() throws Exception {
        String oldShape = """
                {"type":"Skew","vertex":"bc76","name":"Window aggregate","hottestBusyMsPerSecond":950.0,\
                "averageBusyMsPerSecond":300.0,"maxToAverage":2.0,"kind":"skew","subject":"bc76","text":"skew in vertex\
                 Window aggregate"}""";
        try (StateDirectory state = StateDirectory.open(dir);
                StateDatabase db = StateDatabase.open(state.database())) {
            DecisionHistory history = new DecisionHistory(db.connection());
            history.append(new HistoryEntry(
                    T0,
                    Optional.empty(),
                    "a1",
                    "orders",
                    "finding",
                    Optional.empty(),
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    "recommend",
                    "orders: skew in vertex Window aggregate",
                    oldShape));

            JsonNode details = Json.mapper()
                    .readTree(history.recent(Optional.empty(), Optional.empty(), 1)
                            .get(0)
                            .details());

            assertThat(details.has("type")).as(details.toString()).isFalse();
            assertThat(details.path("kind").asText()).isEqualTo("skew");
            assertThat(details.path("vertex").asText()).isEqualTo("bc76");
            assertThat(details.path("maxToAverage").asDouble()).isEqualTo(2.0);
        }
    }

    @Test
    void savesAndReplacesNamedSnapshots() throws Exception {
        try (StateDirectory state = StateDirectory.open(dir);
                StateDatabase db = StateDatabase.open(state.database())) {
            SnapshotStore snapshots = new SnapshotStore(db.connection());
            snapshots.save("engine", "{\"v\":1}", T0);
            snapshots.save("engine", "{\"v\":2}", T0.plusSeconds(1));

            assertThat(snapshots.load("engine")).hasValue("{\"v\":2}");
            assertThat(snapshots.load("dedup")).isEmpty();
        }
    }

    @Test
    void refusesASecondAdvisorOnTheSameStateDirectory() {
        try (StateDirectory first = StateDirectory.open(dir)) {
            assertThatThrownBy(() -> StateDirectory.open(dir))
                    .isInstanceOf(StateDirectory.StateDirectoryException.class)
                    .hasMessageContaining("another advisor is using state directory");
        }
    }

    private static HistoryEntry entry(Instant at, String jobId, String jobName, String kind) {
        return new HistoryEntry(
                at,
                Optional.of("local"),
                jobId,
                jobName,
                kind,
                Optional.of("up"),
                OptionalInt.of(2),
                OptionalInt.of(3),
                "recommend",
                jobName + " 2 → 3",
                "{}");
    }
}

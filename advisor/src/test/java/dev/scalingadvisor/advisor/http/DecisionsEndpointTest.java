package dev.scalingadvisor.advisor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalingadvisor.advisor.state.DecisionHistory;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.advisor.state.StateDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionsEndpointTest {

    @TempDir
    Path dir;

    @Test
    void servesTheHistoryNewestFirstWithDetailsAsJson() throws Exception {
        try (StateDatabase db = StateDatabase.open(dir.resolve("advisor.db"))) {
            DecisionHistory history = new DecisionHistory(db.connection());
            history.append(new HistoryEntry(
                    Instant.parse("2026-11-23T10:00:00Z"),
                    Optional.empty(),
                    "a1",
                    "orders",
                    "recommendation",
                    Optional.of("up"),
                    OptionalInt.of(2),
                    OptionalInt.of(3),
                    "recommend",
                    "orders 2 → 3",
                    "{\"rules\":[\"backpressure\"]}"));
            history.append(new HistoryEntry(
                    Instant.parse("2026-11-23T10:05:00Z"),
                    Optional.empty(),
                    "b2",
                    "payments",
                    "finding",
                    Optional.empty(),
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    "recommend",
                    "payments: hot key",
                    "{}"));
            DecisionsEndpoint endpoint = new DecisionsEndpoint(history);

            JsonNode all = new ObjectMapper()
                    .readTree(endpoint.handle(URI.create("/api/v1/decisions")).body());
            JsonNode orders = new ObjectMapper()
                    .readTree(endpoint.handle(URI.create("/api/v1/decisions?job=orders&limit=1"))
                            .body());

            assertThat(all.get("decisions")).hasSize(2);
            assertThat(all.get("decisions").get(0).get("kind").asText()).isEqualTo("finding");
            assertThat(all.get("decisions").get(0).get("targetParallelism").isNull())
                    .isTrue();
            JsonNode entry = orders.get("decisions").get(0);
            assertThat(entry.get("targetParallelism").asInt()).isEqualTo(3);
            assertThat(entry.get("details").get("rules").get(0).asText()).isEqualTo("backpressure");
            assertThat(entry.get("at").asText()).isEqualTo("2026-11-23T10:00:00Z");
        }
    }

    @Test
    void refusesABadQueryWithA400() throws Exception {
        try (StateDatabase db = StateDatabase.open(dir.resolve("advisor.db"))) {
            DecisionsEndpoint endpoint = new DecisionsEndpoint(new DecisionHistory(db.connection()));

            assertThat(endpoint.handle(URI.create("/api/v1/decisions?since=yesterday"))
                            .status())
                    .isEqualTo(400);
            assertThat(endpoint.handle(URI.create("/api/v1/decisions?limit=5000"))
                            .status())
                    .isEqualTo(400);
            // Issue 14, defect 9: this answered 500 with a stack trace
            AdvisorHttpServer.JsonEndpoint.Response farFuture =
                    endpoint.handle(URI.create("/api/v1/decisions?since=%2B300000000-01-01T00:00:00Z"));
            assertThat(farFuture.status()).isEqualTo(400);
            assertThat(farFuture.body()).contains("since is out of range").doesNotContain("Exception");
        }
    }
}

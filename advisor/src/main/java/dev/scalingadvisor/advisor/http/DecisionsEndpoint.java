package dev.scalingadvisor.advisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.advisor.pause.Pause;
import dev.scalingadvisor.advisor.state.DecisionHistory;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.core.job.JobNamePattern;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/decisions?job=<id or name>&jobs=<regex>&since=<RFC 3339>&limit=<n>}: the decision history, newest
 * first, as {@code {"decisions": [{at, cluster, jobId, jobName, kind, direction, currentParallelism,
 * targetParallelism, mode, summary, details}]}}.
 */
public final class DecisionsEndpoint implements AdvisorHttpServer.JsonEndpoint {

    public static final String PATH = "/api/v1/decisions";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final DecisionHistory history;
    private final ObjectMapper json = new ObjectMapper();

    public DecisionsEndpoint(DecisionHistory history) {
        this.history = history;
    }

    @Override
    public Response handle(URI request) {
        QueryParameters query = QueryParameters.of(request);
        int limit;
        Optional<Instant> since;
        Optional<JobNamePattern> jobs;
        try {
            limit = Integer.parseInt(query.get("limit").orElse(Integer.toString(DEFAULT_LIMIT)));
            since = query.get("since").map(Instant::parse);
            // The history keeps milliseconds since 1970 in a long: a parseable year 300000000 does not fit.
            since.ifPresent(Instant::toEpochMilli);
        } catch (NumberFormatException | DateTimeParseException e) {
            return error(400, "bad query: limit must be a number and since an RFC 3339 instant (2026-01-02T03:04:05Z)");
        } catch (ArithmeticException e) {
            return error(400, "bad query: since is out of range (years 292278994 BC to 292278994 AD)");
        }
        try {
            jobs = query.get("jobs").map(Pause::jobsPattern);
        } catch (IllegalArgumentException e) {
            return error(400, "jobs: " + e.getMessage());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return error(400, "limit must be between 1 and " + MAX_LIMIT);
        }
        if (jobs.isPresent() && query.get("job").isPresent()) {
            return error(400, "give job (one job's id or name) or jobs (a regular expression), not both");
        }
        try {
            List<HistoryEntry> entries = jobs.isPresent()
                    ? history.recentMatching(jobs.get(), since, limit)
                    : history.recent(query.get("job"), since, limit);
            ObjectNode body = json.createObjectNode();
            ArrayNode decisions = body.putArray("decisions");
            for (HistoryEntry e : entries) {
                decisions.add(toJson(e));
            }
            return new Response(200, json.writeValueAsString(body));
        } catch (SQLException | IOException e) {
            return error(500, "cannot read the decision history: " + e.getMessage());
        }
    }

    private ObjectNode toJson(HistoryEntry e) throws IOException {
        ObjectNode node = json.createObjectNode();
        node.put("at", e.at().toString());
        node.put("cluster", e.cluster().orElse(null));
        node.put("jobId", e.jobId());
        node.put("jobName", e.jobName());
        node.put("kind", e.kind());
        node.put("direction", e.direction().orElse(null));
        if (e.currentParallelism().isPresent()) {
            node.put("currentParallelism", e.currentParallelism().getAsInt());
        } else {
            node.putNull("currentParallelism");
        }
        if (e.targetParallelism().isPresent()) {
            node.put("targetParallelism", e.targetParallelism().getAsInt());
        } else {
            node.putNull("targetParallelism");
        }
        node.put("mode", e.mode());
        node.put("summary", e.summary());
        JsonNode details = json.readTree(e.details());
        node.set("details", details);
        return node;
    }

    private Response error(int status, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error", message);
        try {
            return new Response(status, json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

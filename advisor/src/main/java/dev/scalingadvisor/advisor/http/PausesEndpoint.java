package dev.scalingadvisor.advisor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.advisor.pause.Pause;
import dev.scalingadvisor.advisor.pause.Pauses;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/pauses}: the pauses in force ({@code GET}), a new one ({@code POST {"jobs": REGEX, "for":
 * DURATION}}, both optional: every job, until resumed) and resuming ({@code DELETE ?jobs=REGEX}, the pause of
 * exactly that pattern, or every pause without it). Each answer names the jobs of the last cycle a pause holds,
 * so a pattern that matches nothing is seen at once.
 */
public final class PausesEndpoint implements AdvisorHttpServer.JsonEndpoint {

    public static final String PATH = "/api/v1/pauses";
    private static final Logger LOG = LoggerFactory.getLogger(PausesEndpoint.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final Pauses pauses;
    private final Supplier<List<JobRef>> jobs;
    private final Clock clock;

    /** @param jobs the jobs of the last evaluation cycle */
    public PausesEndpoint(Pauses pauses, Supplier<List<JobRef>> jobs, Clock clock) {
        this.pauses = pauses;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public Response handle(URI request) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("pauses");
        pauses.holding(clock.instant()).forEach(p -> list.add(toJson(p)));
        return json(200, body);
    }

    @Override
    public Set<String> changeMethods() {
        return Set.of("POST", "DELETE");
    }

    @Override
    public Response change(String method, URI request, String body) {
        try {
            return method.equals("POST")
                    ? pause(body)
                    : resume(QueryParameters.of(request).get("jobs"));
        } catch (SQLException e) {
            LOG.error("cannot change the pauses in the state database: {}", e.getMessage());
            return error(500, "cannot change the pauses in the state database: " + e.getMessage());
        }
    }

    private Response pause(String body) throws SQLException {
        JsonNode request;
        try {
            request = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return error(400, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (!request.isObject()) {
            return error(400, "the body must be a JSON object such as {\"jobs\": \"orders.*\", \"for\": \"2h\"}");
        }
        for (String field : (Iterable<String>) request::fieldNames) {
            if (!field.equals("jobs") && !field.equals("for")) {
                return error(
                        400,
                        "unknown field \"" + field
                                + "\"; a pause takes \"jobs\" (a regular expression) and \"for\" (a duration)");
            }
        }
        JobNamePattern jobsPattern;
        try {
            jobsPattern = Pause.jobsPattern(request.path("jobs").asText(Pause.ALL_JOBS));
        } catch (IllegalArgumentException e) {
            return error(400, "jobs: " + e.getMessage());
        }
        Optional<Duration> duration;
        try {
            duration = request.hasNonNull("for")
                    ? Optional.of(PrometheusDurations.parse(request.path("for").asText()))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return error(400, "for: " + e.getMessage());
        }
        if (duration.isPresent() && duration.get().isZero()) {
            return error(400, "for: a pause of 0s ends before it starts; leave \"for\" out to pause until resumed");
        }
        Instant now = clock.instant();
        Pause pause = new Pause(jobsPattern, now, duration.map(now::plus));
        pauses.add(pause);
        List<String> matching = matching(pause);
        LOG.info(
                "paused {}: decisions are evaluated and recorded, not sent or carried out; jobs now: {}",
                pause.describe(),
                matching.isEmpty() ? "none of the last cycle" : String.join(", ", matching));
        return json(201, toJson(pause));
    }

    private Response resume(Optional<String> pattern) throws SQLException {
        Instant now = clock.instant();
        List<Pause> ended = pauses.remove(pattern, now);
        if (ended.isEmpty() && pattern.isPresent()) {
            return error(
                    404,
                    "no pause of jobs matching \"" + pattern.get() + "\"; in force: " + describe(pauses.holding(now)));
        }
        ended.forEach(p -> LOG.info("resumed {}", p.describe()));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode resumed = body.putArray("resumed");
        ended.forEach(p -> resumed.add(toJson(p)));
        ArrayNode still = body.putArray("stillPaused");
        pauses.holding(now).forEach(p -> still.add(toJson(p)));
        return json(200, body);
    }

    private ObjectNode toJson(Pause pause) {
        ObjectNode node = JSON.createObjectNode();
        node.put("jobs", pause.pattern());
        node.put("since", pause.since().toString());
        node.put("until", pause.until().map(Instant::toString).orElse(null));
        ArrayNode matching = node.putArray("matching");
        matching(pause).forEach(matching::add);
        return node;
    }

    private List<String> matching(Pause pause) {
        return jobs.get().stream()
                .filter(pause::matches)
                .map(JobRef::name)
                .sorted()
                .toList();
    }

    private static String describe(List<Pause> pauses) {
        return pauses.isEmpty()
                ? "none"
                : String.join("; ", pauses.stream().map(Pause::describe).toList());
    }

    private static Response json(int status, JsonNode body) {
        try {
            return new Response(status, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the pauses as JSON", e);
        }
    }

    private static Response error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        return json(status, body);
    }
}

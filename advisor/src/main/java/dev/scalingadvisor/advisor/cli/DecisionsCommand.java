package dev.scalingadvisor.advisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.advisor.pause.Pause;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scaling-advisor decisions [--job REGEX] [--since 2h|RFC3339] [--limit N] [--format text|json]}: the
 * running daemon's decision history ({@code GET /api/v1/decisions}), oldest first in text, as the API gives it in
 * JSON.
 */
@Command(
        name = "decisions",
        mixinStandardHelpOptions = true,
        description = {
            "Print the running advisor's decision history: decisions, recommendations, rescales and findings.",
            "Asks the daemon's API (GET /api/v1/decisions); text is oldest first, one line each."
        })
final class DecisionsCommand extends PrintingCommand {

    /** Output formats. */
    enum Format {
        text,
        json
    }

    @CommandLine.Mixin
    private ApiOptions api;

    @CommandLine.Option(
            names = "--job",
            paramLabel = "REGEX",
            description = "Only jobs whose name or id this regular expression matches whole (default: every job).")
    private String job;

    @CommandLine.Option(
            names = "--since",
            paramLabel = "DURATION|RFC3339",
            description = "Only entries from this long ago (2h, 30m, 7d) or this instant on (default: all kept).")
    private String since;

    @CommandLine.Option(
            names = "--limit",
            defaultValue = "100",
            description = "At most this many entries, the newest (1 to 1000; default: ${DEFAULT-VALUE}).")
    private int limit;

    @CommandLine.Option(
            names = "--format",
            defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    private Format format;

    /** What --since counts back from: the command line is the edge where "2h ago" meets the wall clock. */
    private final Clock clock = Clock.systemUTC();

    @Override
    protected int run(PrintWriter out, PrintWriter err) {
        Map<String, String> query = new LinkedHashMap<>();
        try {
            if (job != null) {
                query.put("jobs", Pause.jobsPattern(job).regex());
            }
            since().ifPresent(at -> query.put("since", at.toString()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine(), e.getMessage());
        }
        query.put("limit", Integer.toString(limit));
        return ApiCall.exchange(api, out, err, server -> server.get("/api/v1/decisions", query), answer -> {
            if (format == Format.json) {
                out.println(answer.body().toPrettyString());
            } else {
                List<JsonNode> entries = new ArrayList<>();
                answer.body().path("decisions").forEach(entries::add);
                Collections.reverse(entries);
                for (JsonNode entry : entries) {
                    out.println(line(entry));
                }
                if (entries.isEmpty()) {
                    out.println("no decisions" + (job == null ? "" : " of jobs matching \"" + job + "\"")
                            + (since == null ? "" : " since " + since));
                }
            }
            return ScalingAdvisorCommand.OK;
        });
    }

    private Optional<Instant> since() {
        if (since == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(since).toInstant());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(clock.instant().minus(PrometheusDurations.parse(since)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--since " + since
                        + ": neither a duration (2h, 30m, 7d) nor an RFC 3339 instant (2026-01-02T03:04:05Z)");
            }
        }
    }

    /** {@code 2026-03-01T10:00:00Z  recommendation  recommend  orders: scale up 2 → 4 …}. */
    private static String line(JsonNode entry) {
        return entry.path("at").asText() + "  " + entry.path("kind").asText() + "  "
                + entry.path("mode").asText() + "  " + entry.path("summary").asText();
    }
}

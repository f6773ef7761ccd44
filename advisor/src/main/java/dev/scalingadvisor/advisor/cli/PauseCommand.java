package dev.scalingadvisor.advisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.advisor.pause.Pause;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scaling-advisor pause [--job REGEX] [--for 2h]}: the running daemon keeps evaluating the jobs, logging and
 * recording their decisions, but neither sends nor carries them out until the pause ends or {@code resume}.
 */
@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        description = {
            "Pause the running advisor for some or all jobs: their decisions are still evaluated, logged and recorded,",
            "but not sent to the notifiers and not carried out, until the pause ends (--for) or `resume`.",
            "A rescale already running finishes. The pause survives restarts; /readyz and /metrics show it."
        })
final class PauseCommand extends PrintingCommand {

    @CommandLine.Mixin
    private ApiOptions api;

    @CommandLine.Option(
            names = "--job",
            paramLabel = "REGEX",
            description = "Pause the jobs whose name or id this regular expression matches whole (default: every job).")
    private String job;

    @CommandLine.Option(
            names = "--for",
            paramLabel = "DURATION",
            description = "End the pause by itself after this long (30m, 2h, 1d; default: until resumed).")
    private String duration;

    @Override
    protected int run(PrintWriter out, PrintWriter err) {
        ObjectNode request = Json.mapper().createObjectNode();
        try {
            request.put(
                    "jobs",
                    Pause.jobsPattern(job == null ? Pause.ALL_JOBS : job).regex());
            if (duration != null) {
                Duration length = PrometheusDurations.parse(duration);
                if (length.isZero()) {
                    throw new IllegalArgumentException("a pause of 0s ends before it starts");
                }
                request.put("for", PrometheusDurations.format(length));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine(), e.getMessage());
        }
        return ApiCall.exchange(api, out, err, server -> server.post("/api/v1/pauses", request), answer -> {
            out.println("paused " + Pauses.describe(answer.body())
                    + ": decisions are evaluated and recorded, not sent and not carried out");
            out.println("  " + Pauses.matching(answer.body()));
            return ScalingAdvisorCommand.OK;
        });
    }

    /** How the commands print a pause of the API. */
    static final class Pauses {
        private Pauses() {}

        static String describe(JsonNode pause) {
            String until = pause.path("until").isNull()
                    ? "until resumed"
                    : "until " + pause.path("until").asText();
            return "jobs matching \"" + pause.path("jobs").asText() + "\" " + until;
        }

        static String matching(JsonNode pause) {
            JsonNode jobs = pause.path("matching");
            if (jobs.isEmpty()) {
                return "no job of the advisor's last cycle matches it (yet)";
            }
            List<String> names = new ArrayList<>();
            jobs.forEach(name -> names.add(name.asText()));
            return "jobs now: " + String.join(", ", names);
        }
    }
}

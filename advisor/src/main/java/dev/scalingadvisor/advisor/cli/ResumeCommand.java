package dev.scalingadvisor.advisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.advisor.pause.Pause;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scaling-advisor resume [--job REGEX]}: ends a pause of the running daemon, or every pause. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description = {
            "End a pause of the running advisor: the pause given with exactly this --job, or every pause without it.",
            "A decision that still holds is sent or carried out from the next evaluation cycle on."
        })
final class ResumeCommand extends PrintingCommand {

    @CommandLine.Mixin
    private ApiOptions api;

    @CommandLine.Option(
            names = "--job",
            paramLabel = "REGEX",
            description = "The pause to end: the regular expression it was given with (default: every pause).")
    private String job;

    @Override
    protected int run(PrintWriter out, PrintWriter err) {
        if (job != null) {
            try {
                Pause.jobsPattern(job);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine(), e.getMessage());
            }
        }
        return ApiCall.exchange(
                api,
                out,
                err,
                server -> server.delete("/api/v1/pauses", job == null ? Map.of() : Map.of("jobs", job)),
                answer -> {
                    JsonNode resumed = answer.body().path("resumed");
                    if (resumed.isEmpty()) {
                        out.println("nothing was paused");
                    }
                    resumed.forEach(p -> out.println("resumed " + PauseCommand.Pauses.describe(p)));
                    answer.body()
                            .path("stillPaused")
                            .forEach(p -> out.println("still paused: " + PauseCommand.Pauses.describe(p) + "; "
                                    + PauseCommand.Pauses.matching(p)));
                    return ScalingAdvisorCommand.OK;
                });
    }
}

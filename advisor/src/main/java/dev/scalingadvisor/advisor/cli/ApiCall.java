package dev.scalingadvisor.advisor.cli;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * The one exchange of the commands that talk to the daemon: the request, and its refusals and an unreachable daemon,
 * each with an exit code.
 */
final class ApiCall {

    private ApiCall() {}

    /** One request to the daemon. */
    @FunctionalInterface
    interface Request {
        AdvisorApi.Answer send(AdvisorApi api) throws AdvisorApi.Unreachable;
    }

    /** What a command prints of an accepted answer, returning the exit code. */
    @FunctionalInterface
    interface Accepted {
        int print(AdvisorApi.Answer answer);
    }

    /**
     * Sends {@code request} to the daemon the options name and prints its answer: an accepted one with
     * {@code accepted}; bad options, a refusal and an unreachable daemon each as an error with its exit code.
     */
    static int exchange(ApiOptions options, PrintWriter out, PrintWriter err, Request request, Accepted accepted) {
        Optional<AdvisorApi> api = options.api(err);
        if (api.isEmpty()) {
            return ScalingAdvisorCommand.BAD_USAGE;
        }
        try {
            AdvisorApi.Answer answer = request.send(api.get());
            if (!answer.ok()) {
                return refused(err, answer);
            }
            int exit = accepted.print(answer);
            out.flush();
            return exit;
        } catch (AdvisorApi.Unreachable e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ScalingAdvisorCommand.RUNTIME_FAILURE;
        }
    }

    /** A 4xx is the request's fault (exit 2), anything else the daemon's (exit 1); either way its reason is printed. */
    private static int refused(PrintWriter err, AdvisorApi.Answer answer) {
        String hint = answer.status() == 401
                ? " (give the token with --token-file, or the configuration that has it with --config)"
                : "";
        err.println("error: the advisor answered " + answer.status() + ": " + answer.error() + hint);
        err.flush();
        return answer.status() >= 400 && answer.status() < 500
                ? ScalingAdvisorCommand.BAD_USAGE
                : ScalingAdvisorCommand.RUNTIME_FAILURE;
    }
}

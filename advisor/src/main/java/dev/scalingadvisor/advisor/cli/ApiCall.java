package dev.scalingadvisor.advisor.cli;

import java.io.PrintWriter;

/** How the commands that talk to the daemon end: its refusals and an unreachable daemon, each with an exit code. */
final class ApiCall {

    private ApiCall() {}

    /** One exchange with the daemon, returning the exit code. */
    @FunctionalInterface
    interface Exchange {
        int run() throws AdvisorApi.Unreachable;
    }

    static int run(PrintWriter err, Exchange exchange) {
        try {
            return exchange.run();
        } catch (AdvisorApi.Unreachable e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ScalingAdvisorCommand.RUNTIME_FAILURE;
        }
    }

    /** A 4xx is the request's fault (exit 2), anything else the daemon's (exit 1); either way its reason is printed. */
    static int refused(PrintWriter err, AdvisorApi.Answer answer) {
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

package dev.scalingadvisor.advisor.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * A subcommand that answers on its command line's {@code out} and {@code err} (the terminal, or the writers a test or
 * {@link ScalingAdvisorCommand} sets) and exits with the code it returns ({@link ScalingAdvisorCommand#OK} and the
 * others there).
 */
abstract class PrintingCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws InterruptedException {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Does the command's work, printing to {@code out} and {@code err}; returns its exit code. */
    protected abstract int run(PrintWriter out, PrintWriter err) throws InterruptedException;

    /** The command line this command was parsed from, for a {@link CommandLine.ParameterException}. */
    protected final CommandLine commandLine() {
        return spec.commandLine();
    }
}

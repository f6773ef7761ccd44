package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.daemon.Version;
import dev.scalingadvisor.advisor.logging.LogFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scaling-advisor}: the command line. Exit codes: 0 ok, 1 runtime failure, 2 bad usage or
 * configuration.
 */
@Command(
        name = "scaling-advisor",
        mixinStandardHelpOptions = true,
        versionProvider = ScalingAdvisorCommand.VersionProvider.class,
        description = "Watches Apache Flink jobs through Prometheus and keeps them at the right parallelism.",
        subcommands = {
            RunCommand.class,
            CheckCommand.class,
            EvaluateCommand.class,
            BacktestCommand.class,
            DecisionsCommand.class,
            PauseCommand.class,
            ResumeCommand.class,
            TestCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:runtime failure", "2:bad usage or invalid configuration"})
public final class ScalingAdvisorCommand implements Runnable {

    public static final int OK = 0;
    public static final int RUNTIME_FAILURE = 1;
    public static final int BAD_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before any logger exists: logback reads its configuration once, at the first logger.
        LogFormat.selectFrom(System.getenv());
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new ScalingAdvisorCommand()).setExecutionExceptionHandler((e, cmd, parseResult) -> {
            // Unexpected failures: one clear line, the stack trace only when asked for.
            cmd.getErr()
                    .println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (System.getenv("SCALING_ADVISOR_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return RUNTIME_FAILURE;
        });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: run, check, evaluate, backtest, decisions, pause, resume, test or version");
    }

    /** Supplies {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"scaling-advisor " + Version.current()};
        }
    }
}

package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.daemon.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scaling-advisor version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version and exit.")
final class VersionCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .println("scaling-advisor " + Version.current() + " (Java " + Runtime.version() + ", "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        return ScalingAdvisorCommand.OK;
    }
}

package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.daemon.Version;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code scaling-advisor version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version and exit.")
final class VersionCommand extends PrintingCommand {

    @Override
    protected int run(PrintWriter out, PrintWriter err) {
        out.println("scaling-advisor " + Version.current() + " (Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        return ScalingAdvisorCommand.OK;
    }
}

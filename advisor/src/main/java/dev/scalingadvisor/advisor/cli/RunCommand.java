package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.ConfigLoader;
import dev.scalingadvisor.advisor.daemon.Daemon;
import dev.scalingadvisor.advisor.daemon.Signals;
import dev.scalingadvisor.advisor.daemon.StartupException;
import dev.scalingadvisor.advisor.state.StateDirectory;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scaling-advisor run --config FILE}: the daemon. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the advisor until SIGTERM or SIGINT.",
            "SIGHUP reloads the configuration; an invalid one is reported and the current one stays in force."
        })
final class RunCommand extends PrintingCommand {

    @CommandLine.Mixin
    private ConfigFileOption config;

    @Override
    protected int run(PrintWriter out, PrintWriter err) throws InterruptedException {
        ConfigLoader loader = ConfigLoader.fromSystem();
        // Rule packs are checked before anything starts: never a half-started daemon.
        Optional<AdvisorConfig> loaded = config.loadWithRules(loader, err).map(ConfigFileOption.WithRules::config);
        if (loaded.isEmpty()) {
            return ScalingAdvisorCommand.BAD_USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        Daemon daemon;
        try {
            daemon = Daemon.start(config.file, loader, loaded.get(), Clock.systemUTC());
        } catch (StartupException | StateDirectory.StateDirectoryException e) {
            err.println("error: " + e.getMessage());
            return ScalingAdvisorCommand.RUNTIME_FAILURE;
        }
        Signals.onHangup(daemon::reload);
        stop.await();
        daemon.close();
        return ScalingAdvisorCommand.OK;
    }
}

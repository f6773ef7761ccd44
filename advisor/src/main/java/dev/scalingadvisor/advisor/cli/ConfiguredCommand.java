package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.ConfigLoader;
import dev.scalingadvisor.rules.rule.RulePack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;

/**
 * A subcommand that works on the advisor's configuration ({@code --config FILE}) and the rule packs it names. It
 * runs only when both are valid; otherwise it prints every problem in them and exits
 * {@link ScalingAdvisorCommand#BAD_USAGE} without doing anything.
 */
abstract class ConfiguredCommand extends PrintingCommand {

    @CommandLine.Mixin
    private ConfigFileOption config;

    @Override
    protected final int run(PrintWriter out, PrintWriter err) throws InterruptedException {
        Optional<ConfigFileOption.WithRules> loaded = config.loadWithRules(ConfigLoader.fromSystem(), err);
        if (loaded.isEmpty()) {
            return ScalingAdvisorCommand.BAD_USAGE;
        }
        return run(loaded.get().config(), loaded.get().pack(), out, err);
    }

    /** Does the command's work on a valid configuration and its rule packs; returns its exit code. */
    protected abstract int run(AdvisorConfig config, RulePack pack, PrintWriter out, PrintWriter err)
            throws InterruptedException;

    /** The configuration file given. */
    protected final Path configFile() {
        return config.file;
    }
}

package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.ConfigLoader;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scaling-advisor check --config FILE [--online]}: validate without starting anything. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate the configuration and its rule packs; exit 0 if valid, 2 if not.",
            "With --online, also reach Prometheus (and Flink, if configured) and run each rule's query once."})
final class CheckCommand implements Callable<Integer> {

    @CommandLine.Mixin
    private ConfigFileOption config;

    @CommandLine.Option(names = "--online", description = "Also reach Prometheus and Flink and run each rule's query once.")
    private boolean online;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<AdvisorConfig> loaded = config.load(ConfigLoader.fromSystem(), spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return ScalingAdvisorCommand.BAD_USAGE;
        }
        AdvisorConfig c = loaded.get();
        out.println(config.file + ": configuration is valid");
        out.println("  mode " + c.defaults().mode().name().toLowerCase() + ", " + c.jobs().size() + " job override(s), "
                + c.flinkClusters().size() + " Flink cluster(s), " + c.notifiers().size() + " notifier(s)");
        out.println("  prometheus " + c.prometheus().displayUrl() + ", rule packs: "
                + String.join(", ", c.rules().packs().stream().map(p -> p.displayName()).toList()));
        out.flush();
        return ScalingAdvisorCommand.OK;
    }
}

package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.core.yaml.InvalidInputException;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Loads the configuration's rule packs for a command, reporting their problems like configuration problems. */
final class RulePacks {

    private RulePacks() {}

    static Optional<RulePack> load(AdvisorConfig config, Path configFile, PrintWriter err) {
        try {
            return Optional.of(RulePackLoader.load(config.rules().packs()));
        } catch (InvalidInputException e) {
            err.println("error: the rule packs of " + configFile + " are not valid ("
                    + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + "):");
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return Optional.empty();
        }
    }
}

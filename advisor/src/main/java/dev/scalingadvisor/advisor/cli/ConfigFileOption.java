package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.ConfigLoader;
import dev.scalingadvisor.core.yaml.InvalidInputException;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option the commands share, and how they report an invalid file or rule pack. */
final class ConfigFileOption {

    @Option(
            names = {"-c", "--config"},
            required = true,
            paramLabel = "FILE",
            description = "The advisor's YAML configuration.")
    Path file;

    /** A valid configuration and the valid rule packs it names. */
    record WithRules(AdvisorConfig config, RulePack pack) {}

    /** The configuration, or empty after printing every problem in it to {@code err}. */
    Optional<AdvisorConfig> load(ConfigLoader loader, PrintWriter err) {
        try {
            return Optional.of(loader.load(file));
        } catch (InvalidInputException e) {
            return invalid(file + " is not a valid configuration", e, err);
        }
    }

    /**
     * The configuration and its rule packs, or empty after printing every problem in the file, else in its rule
     * packs, to {@code err}: a command checks both before it does anything.
     */
    Optional<WithRules> loadWithRules(ConfigLoader loader, PrintWriter err) {
        return load(loader, err).flatMap(config -> {
            try {
                return Optional.of(
                        new WithRules(config, RulePackLoader.load(config.rules().packs())));
            } catch (InvalidInputException e) {
                return invalid("the rule packs of " + file + " are not valid", e, err);
            }
        });
    }

    private static <T> Optional<T> invalid(String what, InvalidInputException e, PrintWriter err) {
        int count = e.problems().size();
        err.println("error: " + what + " (" + count + " problem" + (count == 1 ? "" : "s") + "):");
        e.problems().forEach(p -> err.println("  " + p));
        err.flush();
        return Optional.empty();
    }
}

package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.ConfigLoader;
import dev.scalingadvisor.core.yaml.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option the commands share, and how they report an invalid file. */
final class ConfigFileOption {

    @Option(
            names = {"-c", "--config"},
            required = true,
            paramLabel = "FILE",
            description = "The advisor's YAML configuration.")
    Path file;

    /** The configuration, or empty after printing every problem in it to {@code err}. */
    Optional<AdvisorConfig> load(ConfigLoader loader, PrintWriter err) {
        try {
            return Optional.of(loader.load(file));
        } catch (InvalidInputException e) {
            err.println("error: " + file + " is not a valid configuration ("
                    + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + "):");
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return Optional.empty();
        }
    }
}

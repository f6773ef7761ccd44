package dev.scalingadvisor.testbed.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run as a supervised child process: a name for messages, the command, where it runs and logs,
 * and how long it gets to stop after SIGTERM before it is SIGKILLed.
 */
public record ProcessSpec(
        String name,
        List<String> command,
        Path workingDirectory,
        Path logFile,
        Map<String, String> environment,
        Duration stopGrace) {

    public ProcessSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty command");
        }
        command = List.copyOf(command);
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException(name + ": negative stop grace " + stopGrace);
        }
    }

    /** A spec with no extra environment and a 10 s stop grace, logging to {@code <dir>/<name>.log}. */
    public static ProcessSpec of(String name, Path directory, List<String> command) {
        return new ProcessSpec(
                name, command, directory, directory.resolve(name + ".log"), Map.of(), Duration.ofSeconds(10));
    }

    public ProcessSpec withEnvironment(Map<String, String> extra) {
        return new ProcessSpec(name, command, workingDirectory, logFile, extra, stopGrace);
    }

    public ProcessSpec withStopGrace(Duration grace) {
        return new ProcessSpec(name, command, workingDirectory, logFile, environment, grace);
    }

    public ProcessSpec withLogFile(Path file) {
        return new ProcessSpec(name, command, workingDirectory, file, environment, stopGrace);
    }
}

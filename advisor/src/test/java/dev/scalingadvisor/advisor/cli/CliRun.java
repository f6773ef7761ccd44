package dev.scalingadvisor.advisor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** One run of the command line in the test's JVM: its exit code and what it printed on stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = ScalingAdvisorCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The least configuration a command reads history with: the Prometheus at {@code url}, state under {@code dir}. */
    static Path prometheusOnlyConfig(Path dir, String url) throws IOException {
        Path file = dir.resolve("advisor.yaml");
        Files.writeString(file, """
                prometheus:
                  url: %s
                state:
                  dir: %s
                """.formatted(url, dir.resolve("state")));
        return file;
    }
}

package dev.scalingadvisor.testbed.prometheus;

/** What one promtool run said: its exit code and both output streams. */
public record PromtoolResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Both streams, for assertion messages. */
    public String output() {
        return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}

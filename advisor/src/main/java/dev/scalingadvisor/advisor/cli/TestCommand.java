package dev.scalingadvisor.advisor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scaling-advisor test …}: unit tests of what a user writes; today their rule packs ({@code test rules}). */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        subcommands = {TestRulesCommand.class},
        description = "Unit-test rule packs: scaling-advisor test rules FILE…")
final class TestCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing what to test: rules");
    }
}

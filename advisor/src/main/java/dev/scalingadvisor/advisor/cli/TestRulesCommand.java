package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.ConfigLoader;
import dev.scalingadvisor.advisor.ruletest.BackfilledPrometheus;
import dev.scalingadvisor.advisor.ruletest.RuleTestFile;
import dev.scalingadvisor.advisor.ruletest.RuleTests;
import dev.scalingadvisor.core.yaml.InvalidInputException;
import dev.scalingadvisor.core.yaml.Problems;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scaling-advisor test rules FILE…}: runs rule pack unit tests, in the spirit of {@code promtool test
 * rules}; exit 0 when every test passed, 1 when one failed, 2 when a file is not a valid test file.
 */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = {
            "Unit-test rule packs, as promtool test rules does Prometheus rule files: each test's input series are",
            "served by a real Prometheus (prometheus and promtool on the PATH), the advisor's engine runs every",
            "evaluation_interval from time 0, and the rule states, phase and decision at each eval_time are checked.",
            "Format: docs/rule-engine.md#testing-a-rule-pack; example: examples/rule-tests/."
        })
final class TestRulesCommand extends PrintingCommand {

    @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE", description = "Test files (YAML).")
    private List<Path> files;

    @Override
    protected int run(PrintWriter out, PrintWriter err) {
        int code = ScalingAdvisorCommand.OK;
        for (Path file : files) {
            out.println("Unit Testing: " + file);
            out.flush();
            code = Math.max(code, run(file, out, err));
        }
        return code;
    }

    private int run(Path file, PrintWriter out, PrintWriter err) {
        Problems problems = new Problems();
        Optional<RuleTestFile> tests = RuleTestFile.read(file, problems);
        Optional<AdvisorConfig> config = Optional.empty();
        Optional<RulePack> pack = Optional.empty();
        try {
            if (tests.isPresent() && tests.get().config().isPresent()) {
                config = Optional.of(
                        ConfigLoader.fromSystem().load(tests.get().config().get()));
            }
            if (tests.isPresent()) {
                pack = Optional.of(RulePackLoader.load(tests.get().ruleFiles()));
            }
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> problems.add(p.location(), p.path(), p.message()));
        }
        if (!problems.isEmpty()) {
            err.println("error: " + file + " cannot be run (" + problems.all().size() + " problem"
                    + (problems.all().size() == 1 ? "" : "s") + "):");
            problems.all().forEach(p -> err.println("  " + p));
            err.flush();
            return ScalingAdvisorCommand.BAD_USAGE;
        }
        RuleTests runner = new RuleTests(pack.get(), tests.get().evaluationInterval(), config);
        int failed = 0;
        for (RuleTestFile.RuleTest test : tests.get().tests()) {
            RuleTests.Outcome outcome;
            try {
                outcome = runner.run(test);
            } catch (BackfilledPrometheus.Unavailable e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return ScalingAdvisorCommand.RUNTIME_FAILURE;
            }
            if (!outcome.passed()) {
                failed++;
                out.println("  FAILED: " + outcome.test());
                outcome.failures().forEach(f -> out.println("    " + f));
            }
        }
        out.println(
                failed == 0
                        ? "  SUCCESS: " + tests.get().tests().size() + " test"
                                + (tests.get().tests().size() == 1 ? "" : "s")
                        : "  " + failed + " of " + tests.get().tests().size() + " tests FAILED");
        out.flush();
        return failed == 0 ? ScalingAdvisorCommand.OK : ScalingAdvisorCommand.RUNTIME_FAILURE;
    }
}

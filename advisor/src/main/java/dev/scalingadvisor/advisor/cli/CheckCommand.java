package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackCheck;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scaling-advisor check --config FILE [--online]}: validate without starting anything. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Validate the configuration and its rule packs; exit 0 if valid, 2 if not.",
            "With --online, also reach Prometheus, let it parse each rule's query and run it once (exit 1 if Prometheus cannot be reached)."
        })
final class CheckCommand extends ConfiguredCommand {

    @CommandLine.Option(names = "--online", description = "Also reach Prometheus and run each rule's query once.")
    private boolean online;

    @Override
    protected int run(AdvisorConfig c, RulePack pack, PrintWriter out, PrintWriter err) {
        out.println(configFile() + ": configuration is valid");
        c.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
        out.println("  mode " + Spelling.of(c.defaults().mode()) + ", "
                + c.jobs().size() + " job override(s), " + c.flinkClusters().size() + " Flink cluster(s), "
                + c.notifiers().size() + " notifier(s)");
        out.println("  prometheus " + c.prometheus().displayUrl() + ", rule packs: "
                + String.join(
                        ", ",
                        c.rules().packs().stream().map(p -> p.displayName()).toList())
                + " (" + pack.rules().size() + " rules)");
        out.flush();
        return online ? online(c, pack, out, err) : ScalingAdvisorCommand.OK;
    }

    private int online(AdvisorConfig c, RulePack pack, PrintWriter out, PrintWriter err) {
        RulePackCheck.PackCheck check = RulePackCheck.online(
                PrometheusClient.create(c.prometheus()),
                pack,
                c.rules().labels(),
                c.evaluation().maxSampleAge(),
                Instant.now());
        if (check.unreachable().isPresent()) {
            err.println("error: " + check.unreachable().get());
            err.flush();
            return ScalingAdvisorCommand.RUNTIME_FAILURE;
        }
        out.println("online: Prometheus at " + c.prometheus().displayUrl() + " answered");
        for (RulePackCheck.RuleCheck rule : check.rules()) {
            out.println("  rule " + rule.rule().name() + ": "
                    + rule.problem().map(p -> "FAILED").orElse(rule.series() + " series, " + rule.jobs() + " job(s)"));
            rule.warnings().forEach(w -> out.println("    Prometheus warns: " + w));
        }
        out.println("  workload queries: " + check.workload());
        out.flush();
        if (!check.problems().isEmpty()) {
            err.println("error: " + check.problems().size() + " rule(s) cannot be used:");
            check.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return ScalingAdvisorCommand.BAD_USAGE;
        }
        return check.passed() ? ScalingAdvisorCommand.OK : ScalingAdvisorCommand.RUNTIME_FAILURE;
    }
}

package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.actions.flink.FlinkClusters;
import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.cycle.FlinkView;
import dev.scalingadvisor.advisor.cycle.FlinkViewReader;
import dev.scalingadvisor.rules.evaluation.CycleEvaluation;
import dev.scalingadvisor.rules.evaluation.EngineState;
import dev.scalingadvisor.rules.evaluation.EvaluationReport;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.rule.RulePack;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scaling-advisor evaluate --config FILE [--at RFC3339] [--format text|json]}: one evaluation cycle,
 * printed, nothing acted on. Rule timers are rebuilt from Prometheus history first, as at daemon start, so
 * {@code --at} shows what the advisor would have decided at that instant.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Run one evaluation cycle and print each job's rules and decision, without acting.",
            "Rule timers are rebuilt from Prometheus history first, as when the daemon starts."
        })
final class EvaluateCommand extends ConfiguredCommand {

    /** Output formats. */
    enum Format {
        text,
        json
    }

    @CommandLine.Option(
            names = "--at",
            paramLabel = "RFC3339",
            converter = Rfc3339.class,
            description = {
                "Evaluate at this instant (e.g. 2025-06-01T12:00:00Z) instead of now.",
                "Flink REST describes the present, so a past instant is judged from Prometheus alone."
            })
    private Instant at;

    @CommandLine.Option(
            names = "--format",
            defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Override
    protected int run(AdvisorConfig c, RulePack pack, PrintWriter out, PrintWriter err) {
        ScalingEvaluator engine = engine(c, pack);
        // Flink REST describes the present: with --at, the past is judged from Prometheus alone.
        FlinkView flink = at != null || c.flinkClusters().isEmpty()
                ? FlinkView.NONE
                : new FlinkViewReader(new FlinkClusters(new PrometheusRegistry(), Clock.systemUTC()), Optional.empty())
                        .read(c.flinkClusters());
        flink.problems()
                .forEach((cluster, problem) -> err.println("warning: Flink cluster " + cluster
                        + " could not be read (its jobs are evaluated from Prometheus alone): " + problem));
        ScalingSettingsLookup lookup =
                job -> c.settingsFor(flink.clusterOf(job.id()), job).scaling();
        Instant instant = at != null ? at : Instant.now();
        EngineState rebuilt = engine.rebuild(instant, EngineState.EMPTY, lookup, flink.facts());
        CycleEvaluation cycle = engine.evaluate(instant, rebuilt, lookup, flink.facts());
        out.print(format == Format.json ? EvaluationReport.json(cycle) + "\n" : EvaluationReport.text(cycle));
        out.flush();
        if (cycle.prometheus().problem().isPresent()) {
            err.println("error: " + cycle.prometheus().problem().get());
            err.flush();
            return ScalingAdvisorCommand.RUNTIME_FAILURE;
        }
        return ScalingAdvisorCommand.OK;
    }

    /** The engine as the daemon configures it, over the configuration's Prometheus. */
    static ScalingEvaluator engine(AdvisorConfig c, RulePack pack) {
        return new ScalingEvaluator(PrometheusClient.create(c.prometheus()), pack, c.evaluatorSettings());
    }

    /** RFC 3339 instants, with {@code Z} or an offset. */
    static final class Rfc3339 implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("not an RFC 3339 instant: \"" + value
                        + "\" (expected e.g. 2025-06-01T12:00:00Z or 2025-06-01T14:00:00+02:00)");
            }
        }
    }
}

package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.backtest.Backtest;
import dev.scalingadvisor.advisor.backtest.BacktestHtml;
import dev.scalingadvisor.advisor.backtest.BacktestReport;
import dev.scalingadvisor.advisor.backtest.BacktestText;
import dev.scalingadvisor.advisor.backtest.Progress;
import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.query.StorageRetention;
import dev.scalingadvisor.rules.rule.RulePack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scaling-advisor backtest --config FILE --from T1 --to T2 [--job REGEX] [--out DIR]
 * [--format text|json|html]}: what a daemon running over that range would have decided, from Prometheus
 * history; nothing is acted on.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Replay the configured rule packs and settings over Prometheus history at the evaluation interval,",
            "as a daemon running over that period would have decided (open loop: each job at the parallelism",
            "the history shows), and report each job's decisions, findings and how provisioned it was."
        })
final class BacktestCommand extends ConfiguredCommand {

    /** Output formats. */
    enum Format {
        text,
        json,
        html
    }

    @CommandLine.Option(
            names = "--from",
            required = true,
            paramLabel = "RFC3339",
            converter = EvaluateCommand.Rfc3339.class,
            description = "Start of the range (e.g. 2025-06-01T00:00:00Z).")
    private Instant from;

    @CommandLine.Option(
            names = "--to",
            required = true,
            paramLabel = "RFC3339",
            converter = EvaluateCommand.Rfc3339.class,
            description = "End of the range, included.")
    private Instant to;

    @CommandLine.Option(
            names = "--job",
            paramLabel = "REGEX",
            description = "Only jobs whose whole name or id matches this Java regular expression.")
    private String job;

    @CommandLine.Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write backtest.txt, backtest.json or backtest.html into this directory instead of stdout.")
    private Path outDir;

    @CommandLine.Option(
            names = "--format",
            defaultValue = "text",
            description = "text, json or html (one self-contained file) (default: ${DEFAULT-VALUE}).")
    private Format format;

    /** Where "now" comes from, to refuse a range in the future; tests may set another. */
    Clock clock = Clock.systemUTC();

    /** Whether stderr is a terminal (progress is shown only there); tests may set it. */
    boolean terminal = System.console() != null;

    @Override
    protected int run(AdvisorConfig c, RulePack pack, PrintWriter out, PrintWriter err) {
        Optional<Predicate<JobRef>> jobs = jobFilter(err);
        if (jobs.isEmpty()) {
            return ScalingAdvisorCommand.BAD_USAGE;
        }
        ScalingEvaluator engine = EvaluateCommand.engine(c, pack);
        // Flink REST describes the present: the past is judged from Prometheus alone, as with evaluate --at.
        ScalingSettingsLookup lookup = j -> c.settingsFor(Optional.empty(), j).scaling();
        Backtest backtest = new Backtest(engine, lookup, jobs.get(), format == Format.html);
        Optional<String> problem = backtest.rangeProblem(from, to, clock.instant());
        if (problem.isPresent()) {
            err.println("error: " + problem.get());
            return ScalingAdvisorCommand.BAD_USAGE;
        }
        // What Prometheus says it keeps, so that a range beyond it is named as such rather than guessed at.
        Optional<StorageRetention> retention =
                PrometheusClient.create(c.prometheus()).retention();
        Optional<Instant> oldest = retention.flatMap(r -> r.oldestAt(clock.instant()));
        if (oldest.isPresent() && !to.isAfter(oldest.get())) {
            err.println("error: the whole range is older than Prometheus keeps samples: its retention is "
                    + retention.get().text() + " (its /api/v1/status/runtimeinfo says), so it holds nothing before "
                    + oldest.get().truncatedTo(ChronoUnit.SECONDS) + "; backtest a range after that");
            return ScalingAdvisorCommand.BAD_USAGE;
        }
        if (oldest.isPresent() && from.isBefore(oldest.get())) {
            err.println("warning: --from " + from + " is older than Prometheus keeps samples (retention "
                    + retention.get().text() + "): the backtest has readings from about "
                    + oldest.get().truncatedTo(ChronoUnit.SECONDS) + " on");
        }
        BacktestReport report = backtest.run(from, to, terminal ? Progress.onTerminal(err, from, to) : Progress.NONE);
        if (report.jobs().isEmpty()) {
            err.println("error: " + noJob(report, retention));
            return ScalingAdvisorCommand.RUNTIME_FAILURE;
        }
        readingWarnings(report, retention, oldest, c.evaluation().maxSampleAge())
                .forEach(warning -> err.println("warning: " + warning));
        String rendered = switch (format) {
            case text -> BacktestText.text(report);
            case json -> BacktestText.json(report);
            case html -> BacktestHtml.page(report);
        };
        return write(rendered, out, err);
    }

    /**
     * What the user should know about the readings behind the report: steps Prometheus did not answer, and a late
     * first reading with its likely cause.
     */
    static List<String> readingWarnings(
            BacktestReport report,
            Optional<StorageRetention> retention,
            Optional<Instant> oldest,
            Duration maxSampleAge) {
        List<String> warnings = new ArrayList<>();
        BacktestReport.Unanswered unanswered = report.unanswered();
        unanswered
                .first()
                .ifPresent(first -> warnings.add("Prometheus did not answer the replay's queries on "
                        + unanswered.steps() + " of " + report.steps()
                        + " steps, and nothing was decided on them (the first, "
                        + first + "); a busy or slow Prometheus: rerun when it is less loaded or with a larger"
                        + " prometheus.timeout"));
        // Readings missing because Prometheus did not answer are unknown: blaming retention or the jobs would send
        // the user looking in the wrong place (the 7-day benchmark's first 21 hours were timeouts on a busy machine).
        String before = unanswered.beforeFirstData() > 0
                ? "Prometheus did not answer on " + unanswered.beforeFirstData()
                        + " of the steps before it (above), so whether the jobs ran then is unknown"
                : retention
                        .map(r -> "Prometheus' retention is " + r.text() + "; the jobs were not running or not scraped")
                        .orElse("Prometheus keeps nothing older (its retention) or the jobs were not running");
        report.firstData()
                .filter(first -> first.isAfter(report.from().plus(maxSampleAge)))
                .filter(first -> oldest.isEmpty() || first.isAfter(oldest.get().plus(maxSampleAge)))
                .ifPresent(first -> warnings.add("no readings before " + first + ": " + before));
        return warnings;
    }

    private int write(String rendered, PrintWriter out, PrintWriter err) {
        if (outDir == null) {
            out.print(rendered);
            out.flush();
            return ScalingAdvisorCommand.OK;
        }
        Path file = outDir.resolve("backtest." + (format == Format.text ? "txt" : format.name()));
        try {
            Files.createDirectories(outDir);
            Files.writeString(file, rendered);
        } catch (IOException e) {
            err.println("error: cannot write " + file + ": " + e.getMessage());
            return ScalingAdvisorCommand.RUNTIME_FAILURE;
        }
        err.println("wrote " + file);
        return ScalingAdvisorCommand.OK;
    }

    private String noJob(BacktestReport report, Optional<StorageRetention> retention) {
        if (!report.unmatchedJobs().isEmpty()) {
            return "no job matched --job " + job + " between " + from + " and " + to + " (jobs seen: "
                    + String.join(", ", report.unmatchedJobs()) + ")";
        }
        String why = !report.problems().isEmpty()
                ? "Prometheus: " + report.problems().get(0)
                : retention.isPresent()
                        ? "the range is within Prometheus' retention ("
                                + retention.get().text()
                                + "): are the jobs' metrics scraped, with the labels rules.labels names?"
                        : "is the range within Prometheus' retention, and are the jobs' metrics scraped?";
        return "no Flink job has series in Prometheus between " + from + " and " + to + " (" + why + ")";
    }

    private Optional<Predicate<JobRef>> jobFilter(PrintWriter err) {
        if (job == null) {
            return Optional.of(j -> true);
        }
        try {
            JobNamePattern pattern = JobNamePattern.of(job);
            return Optional.of(pattern::matches);
        } catch (IllegalArgumentException e) {
            err.println("error: --job: " + e.getMessage());
            return Optional.empty();
        }
    }
}

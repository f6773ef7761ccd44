package dev.scalingadvisor.advisor.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.scalingadvisor.advisor.backtest.JobBacktest.DecisionAt;
import dev.scalingadvisor.advisor.backtest.JobBacktest.FindingAt;
import dev.scalingadvisor.advisor.backtest.JobBacktest.HourlyParallelism;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.time.Duration;

/** A backtest for people ({@link #text}) and programs ({@link #json}). */
public final class BacktestText {

    private BacktestText() {}

    public static String text(BacktestReport report) {
        StringBuilder out = new StringBuilder();
        out.append("backtest from ")
                .append(report.from())
                .append(" to ")
                .append(report.to())
                .append(", every ")
                .append(PrometheusDurations.format(report.interval()))
                .append(" (")
                .append(report.steps())
                .append(" evaluations), ")
                .append(report.jobs().size())
                .append(report.jobs().size() == 1 ? " job\n" : " jobs\n");
        for (JobBacktest job : report.jobs()) {
            JobBacktest.Summary s = job.summary();
            out.append("\njob ")
                    .append(job.jobName())
                    .append(" (")
                    .append(job.jobId())
                    .append("): ")
                    .append(s.up() + s.down())
                    .append(s.up() + s.down() == 1 ? " decision" : " decisions")
                    .append(" (")
                    .append(s.up())
                    .append(" up, ")
                    .append(s.down())
                    .append(" down), ")
                    .append(s.flaps())
                    .append(s.flaps() == 1 ? " flap" : " flaps")
                    .append("; under-provisioned ")
                    .append(minutes(s.underProvisionedMinutes()))
                    .append(", over-provisioned ")
                    .append(minutes(s.overProvisionedMinutes()))
                    .append(", of ")
                    .append(minutes(s.minutesWithData()))
                    .append(" with data\n");
            for (DecisionAt decision : job.decisions()) {
                out.append("  ")
                        .append(decision.at())
                        .append("  ")
                        .append(decision.direction().spelling())
                        .append(' ')
                        .append(decision.from())
                        .append(" → ")
                        .append(decision.to())
                        .append('\n');
                decision.explanation()
                        .lines()
                        .forEach(line -> out.append("      ").append(line).append('\n'));
            }
            for (FindingAt finding : job.findings()) {
                out.append("  ")
                        .append(finding.at())
                        .append("  finding ")
                        .append(finding.kind())
                        .append(": ")
                        .append(finding.text())
                        .append('\n');
            }
            if (!job.hourly().isEmpty()) {
                out.append("  parallelism by hour (actual / rate policy):");
                for (HourlyParallelism hour : job.hourly()) {
                    out.append("\n    ")
                            .append(hour.hour())
                            .append("  ")
                            .append(hour.actual())
                            .append(" / ")
                            .append(hour.ratePolicy().map(String::valueOf).orElse("?"));
                }
                out.append('\n');
            }
        }
        if (!report.problems().isEmpty()) {
            out.append("\nproblems:\n");
            report.problems().forEach(p -> out.append("  ").append(p).append('\n'));
        }
        return out.toString();
    }

    public static String json(BacktestReport report) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the backtest cannot be written as JSON", e);
        }
    }

    static String minutes(double minutes) {
        return PrometheusDurations.format(Duration.ofSeconds(Math.round(minutes * 60)));
    }
}

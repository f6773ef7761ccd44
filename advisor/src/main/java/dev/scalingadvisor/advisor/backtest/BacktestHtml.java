package dev.scalingadvisor.advisor.backtest;

import static dev.scalingadvisor.advisor.backtest.BacktestText.minutes;
import static dev.scalingadvisor.advisor.backtest.SvgChart.escape;

import dev.scalingadvisor.advisor.backtest.JobBacktest.DecisionAt;
import dev.scalingadvisor.advisor.backtest.JobBacktest.FindingAt;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.util.List;

/**
 * A backtest as one self-contained HTML file: styles inline, charts as inline SVG ({@link SvgChart}), no
 * script, nothing fetched when it is opened, so it can be mailed or attached to a ticket.
 */
public final class BacktestHtml {

    public static final String STYLE = """
            body { font-family: sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; border-top: 1px solid #ddd; padding-top: 1em; }
            table { border-collapse: collapse; } td, th { padding: 2px 10px; text-align: left; vertical-align: top; }
            tr:nth-child(even) { background: #f6f6f6; } pre { margin: 0; white-space: pre-wrap; font-size: 0.9em; }
            .summary { color: #444; } .up { color: #d62728; } .down { color: #1f77b4; }
            .legend-key span { display: inline-block; width: 1.2em; height: 0.8em; margin: 0 4px 0 12px; }
            """;

    private BacktestHtml() {}

    public static String page(BacktestReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Backtest ")
                .append(report.from())
                .append(" to ")
                .append(report.to())
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style></head>\n<body>\n<h1>What the advisor would have done, ")
                .append(report.from())
                .append(" to ")
                .append(report.to())
                .append("</h1>\n<p class=\"summary\">Every ")
                .append(PrometheusDurations.format(report.interval()))
                .append(", ")
                .append(report.steps())
                .append(" evaluations, ")
                .append(report.jobs().size())
                .append(" jobs; open loop: each job at the parallelism its history shows. Times in UTC.</p>\n");
        html.append(legend());
        for (JobBacktest job : report.jobs()) {
            html.append(job(job));
        }
        if (!report.problems().isEmpty()) {
            html.append("<h2>Problems</h2>\n<ul>\n");
            report.problems().forEach(p -> html.append("<li>").append(escape(p)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    /** What the colours of a chart mean. */
    public static String legend() {
        return "<p class=\"legend-key\">Behind each rule: <span style=\"background:#fbe3a6\"></span>pending"
                + "<span style=\"background:#f4b6b6\"></span>firing; dashed <span style=\"border-top:2px dashed "
                + "#d62728;height:0\"></span>fire and <span style=\"border-top:2px dashed #7f7f7f;height:0\">"
                + "</span>clear thresholds; <span style=\"background:#9ecae1\"></span>range of the value in each "
                + "point, the line is the value that meets the threshold; vertical lines: decisions (hover for the"
                + " explanation); dotted brown lines: findings.</p>\n";
    }

    /** One job's section: the summary, the chart and the decisions with their explanations. */
    static String job(JobBacktest job) {
        StringBuilder html = new StringBuilder();
        JobBacktest.Summary s = job.summary();
        html.append("<section class=\"job\" data-job-id=\"")
                .append(escape(job.jobId()))
                .append("\">\n<h2>")
                .append(escape(job.jobName()))
                .append(" <small>(")
                .append(escape(job.jobId()))
                .append(")</small></h2>\n<p class=\"summary\">")
                .append(s.up())
                .append(" up, ")
                .append(s.down())
                .append(" down, ")
                .append(s.flaps())
                .append(" flaps; under-provisioned ")
                .append(minutes(s.underProvisionedMinutes()))
                .append(", over-provisioned ")
                .append(minutes(s.overProvisionedMinutes()))
                .append(" of ")
                .append(minutes(s.minutesWithData()))
                .append(" with data.</p>\n");
        job.chart().ifPresent(chart -> html.append(SvgChart.of(chart)));
        html.append(decisions(job.decisions()));
        if (!job.findings().isEmpty()) {
            html.append("<ul class=\"findings\">\n");
            for (FindingAt f : job.findings()) {
                html.append("<li>")
                        .append(f.at())
                        .append(" <b>")
                        .append(escape(f.kind()))
                        .append("</b>: ")
                        .append(escape(f.text()))
                        .append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</section>\n");
        return html.toString();
    }

    /** The decisions with their explanations as a table; nothing when there is none. */
    public static String decisions(List<DecisionAt> decisions) {
        if (decisions.isEmpty()) {
            return "";
        }
        StringBuilder html =
                new StringBuilder("<table class=\"decisions\"><tr><th>time</th><th>decision</th><th>why</th></tr>\n");
        for (DecisionAt d : decisions) {
            html.append("<tr><td>")
                    .append(d.at())
                    .append("</td><td class=\"")
                    .append(d.direction().spelling())
                    .append("\">")
                    .append(d.direction().spelling())
                    .append(' ')
                    .append(d.from())
                    .append(" → ")
                    .append(d.to())
                    .append("</td><td><pre>")
                    .append(escape(d.explanation()))
                    .append("</pre></td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }
}

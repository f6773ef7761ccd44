package dev.scalingadvisor.advisor.page;

import static dev.scalingadvisor.advisor.backtest.SvgChart.escape;

import dev.scalingadvisor.advisor.backtest.BacktestHtml;
import dev.scalingadvisor.advisor.backtest.JobChart;
import dev.scalingadvisor.advisor.backtest.SvgChart;
import dev.scalingadvisor.advisor.cycle.TellOnce;
import dev.scalingadvisor.advisor.pause.Pause;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page's HTML, built up part by part: every text that comes from outside (job names and ids, explanations,
 * findings, problems) is escaped, and every link is a relative {@code /?…} with its values URL-encoded. No script,
 * nothing fetched: the styles are inline and the chart is inline SVG ({@link SvgChart}).
 */
final class StatusHtml {

    private static final String STYLE = """
            .jobs td small { color: #666; } .jobs details summary { cursor: pointer; } .problem { color: #b00; }
            .paused { color: #8a5a00; } .rescaling { color: #1f6f1f; } nav a { margin-right: 0.8em; }
            """;
    private static final List<Integer> HOURS = List.of(1, 3, 6, 12, 24);

    private final Instant now;
    private final Duration interval;
    private final StringBuilder body = new StringBuilder();

    /** One job's row: what the last cycle saw, the last decision told and the pause that holds it. */
    record Row(TellOnce.JobSeen seen, Optional<HistoryEntry> lastTold, Optional<Pause> pause) {}

    StatusHtml(Instant now, Duration interval) {
        this.now = now;
        this.interval = interval;
    }

    void notYet() {
        body.append("<p class=\"summary\">The advisor has not finished its first evaluation yet (every ")
                .append(PrometheusDurations.format(interval))
                .append("); reload in a moment.</p>\n");
    }

    void problem(String text) {
        body.append("<p class=\"problem\" role=\"alert\">").append(escape(text)).append("</p>\n");
    }

    void jobs(TellOnce.Seen seen, Map<String, Row> rows) {
        body.append("<p class=\"summary\">Last evaluation ")
                .append(seen.at().truncatedTo(ChronoUnit.SECONDS))
                .append(" (every ")
                .append(PrometheusDurations.format(interval))
                .append("), ")
                .append(seen.jobs().size())
                .append(seen.jobs().size() == 1 ? " job" : " jobs")
                .append(". Times in UTC. This page only reads: reload it for news.</p>\n");
        if (!seen.problems().isEmpty()) {
            body.append("<ul class=\"problems\">\n");
            seen.problems().values().stream()
                    .sorted()
                    .forEach(p -> body.append("<li class=\"problem\">")
                            .append(escape(p))
                            .append("</li>\n"));
            body.append("</ul>\n");
        }
        body.append("<table class=\"jobs\">\n<tr><th>job</th><th>cluster</th><th>mode</th><th>phase</th>")
                .append("<th>parallelism</th><th>decision now</th><th>last decision told</th><th>findings</th>")
                .append("<th>rescale</th><th>pause</th></tr>\n");
        for (Row row : rows.values()) {
            row(row);
        }
        body.append("</table>\n");
    }

    private void row(Row row) {
        JobEvaluation evaluation = row.seen().evaluation();
        JobRef job = evaluation.job();
        body.append("<tr class=\"job\" data-job-id=\"")
                .append(escape(job.id().value()))
                .append("\"><td><a href=\"")
                .append(link(job.id().value(), StatusPage.DEFAULT_HOURS))
                .append("\">")
                .append(escape(job.name()))
                .append("</a><br><small>")
                .append(escape(job.id().value()))
                .append("</small></td><td>")
                .append(escape(ClusterName.spelling(row.seen().cluster())))
                .append("</td><td>")
                .append(Spelling.of(row.seen().mode()))
                .append("</td><td class=\"phase\">")
                .append(evaluation.phase().spelling())
                .append("</td><td>")
                .append(evaluation.decision().currentParallelism())
                .append("</td><td class=\"decision\">");
        decisionNow(evaluation.decision());
        body.append("</td><td class=\"last-decision\">");
        row.lastTold().ifPresentOrElse(this::told, () -> body.append("none"));
        body.append("</td><td class=\"findings\">");
        findings(evaluation.findings());
        body.append("</td><td class=\"rescale\">")
                .append(row.seen().rescaling() ? "<span class=\"rescaling\">under way</span>" : "—")
                .append("</td><td class=\"pause\">")
                .append(row.pause()
                        .map(p -> "<span class=\"paused\">" + escape(p.describe()) + "</span>")
                        .orElse("—"))
                .append("</td></tr>\n");
    }

    private void decisionNow(Decision decision) {
        if (decision.direction() == Direction.NONE) {
            body.append("none");
            return;
        }
        body.append("<details><summary class=\"")
                .append(decision.direction().spelling())
                .append("\">")
                .append(decision.direction().spelling())
                .append(' ')
                .append(decision.currentParallelism())
                .append(" → ")
                .append(decision.targetParallelism())
                .append("</summary><pre>")
                .append(escape(decision.explanation().render()))
                .append("</pre></details>");
    }

    private void told(HistoryEntry entry) {
        body.append("<details><summary>")
                .append(entry.at().truncatedTo(ChronoUnit.SECONDS))
                .append(' ')
                .append(escape(entry.kind()))
                .append(" (")
                .append(ago(entry.at()))
                .append(" ago)</summary><pre>")
                .append(escape(RecentChart.explanation(entry)))
                .append("</pre></details>");
    }

    private void findings(List<Finding> findings) {
        if (findings.isEmpty()) {
            body.append("—");
            return;
        }
        for (Finding finding : findings) {
            body.append("<details><summary>")
                    .append(escape(finding.kind()))
                    .append("</summary><pre>")
                    .append(escape(finding.text()))
                    .append("</pre></details>");
        }
    }

    /** The chosen job's section: links to other spans, the chart and the decisions told in it. */
    void chart(JobRef job, int hours, Optional<JobChart> chart) {
        body.append("<section class=\"chart\" data-job-id=\"")
                .append(escape(job.id().value()))
                .append("\">\n<h2>")
                .append(escape(job.name()))
                .append(" <small>(")
                .append(escape(job.id().value()))
                .append(")</small>: the last ")
                .append(hours)
                .append(hours == 1 ? " hour" : " hours")
                .append("</h2>\n<nav>");
        for (int span : HOURS) {
            body.append("<a href=\"")
                    .append(link(job.id().value(), span))
                    .append("\">")
                    .append(span)
                    .append(" h</a>");
        }
        body.append("</nav>\n<p class=\"summary\">The rules and parallelism as the engine replays them from"
                + " Prometheus; the marks are the decisions this daemon told (its decision history).</p>\n");
        if (chart.isEmpty()) {
            problem("Prometheus has no series of this job in the last " + hours + " h");
        } else {
            body.append(BacktestHtml.legend())
                    .append(SvgChart.of(chart.get()))
                    .append(BacktestHtml.decisions(chart.get().decisions()));
        }
        body.append("</section>\n");
    }

    String page() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Scaling advisor</title>\n"
                // No favicon request: the page fetches nothing.
                + "<link rel=\"icon\" href=\"data:,\">\n<style>" + BacktestHtml.STYLE + STYLE
                + "</style></head>\n<body>\n<h1><a href=\"/\">Scaling advisor</a></h1>\n" + body
                + "</body></html>\n";
    }

    private static String link(String jobId, int hours) {
        return escape("/?job=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8) + "&hours=" + hours);
    }

    private String ago(Instant at) {
        Duration since = Duration.between(at, now);
        return PrometheusDurations.format(since.isNegative() ? Duration.ZERO : since.truncatedTo(ChronoUnit.SECONDS));
    }
}

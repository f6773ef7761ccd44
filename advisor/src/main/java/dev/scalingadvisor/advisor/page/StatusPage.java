package dev.scalingadvisor.advisor.page;

import dev.scalingadvisor.advisor.backtest.JobChart;
import dev.scalingadvisor.advisor.cycle.Advisor;
import dev.scalingadvisor.advisor.cycle.TellOnce;
import dev.scalingadvisor.advisor.http.AdvisorHttpServer;
import dev.scalingadvisor.advisor.http.QueryParameters;
import dev.scalingadvisor.advisor.pause.Pause;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.advisor.state.Persistence;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /?job=<id or name>&hours=<1-24>}: the daemon's page. The jobs the last cycle watched (phase, mode,
 * the decision now, the last decision told with its explanation, findings, a rescale under way, a pause) and, for
 * the chosen job, its last hours drawn by the backtest's renderer. It reads the last cycle, the decision history
 * and Prometheus; it changes nothing.
 */
public final class StatusPage implements AdvisorHttpServer.Page {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);
    static final int DEFAULT_HOURS = 3;
    static final int MAX_HOURS = 24;
    /** A chart replays hours of every job's history: one at a time, so page views cannot crowd out the cycle. */
    private static final Duration DRAWING_WAIT = Duration.ofSeconds(20);

    private final Advisor advisor;
    private final Persistence persistence;
    private final Clock clock;
    private final Semaphore drawing = new Semaphore(1);

    public StatusPage(Advisor advisor, Persistence persistence, Clock clock) {
        this.advisor = advisor;
        this.persistence = persistence;
        this.clock = clock;
    }

    @Override
    public Html render(URI request) {
        Instant now = clock.instant();
        Optional<TellOnce.Seen> seen = advisor.lastSeen();
        StatusHtml html = new StatusHtml(now, advisor.config().evaluation().interval());
        if (seen.isEmpty()) {
            html.notYet();
            return new Html(200, html.page());
        }
        html.jobs(seen.get(), rows(seen.get(), now));
        QueryParameters query = QueryParameters.of(request);
        Optional<String> wanted = query.get("job").filter(j -> !j.isBlank());
        if (wanted.isEmpty()) {
            return new Html(200, html.page());
        }
        int hours;
        try {
            hours = Integer.parseInt(query.get("hours").orElse(Integer.toString(DEFAULT_HOURS)));
        } catch (NumberFormatException e) {
            hours = -1;
        }
        if (hours < 1 || hours > MAX_HOURS) {
            html.problem("hours must be a whole number from 1 to " + MAX_HOURS + ", not \""
                    + query.get("hours").orElse("") + "\"");
            return new Html(400, html.page());
        }
        Optional<TellOnce.JobSeen> job = seen.get().jobs().stream()
                .filter(j -> j.evaluation().job().id().value().equals(wanted.get())
                        || j.evaluation().job().name().equals(wanted.get()))
                .findFirst();
        if (job.isEmpty()) {
            html.problem("no job \"" + wanted.get() + "\" (by id or name) in the last evaluation; the jobs are listed"
                    + " above");
            return new Html(404, html.page());
        }
        return chart(html, job.get(), now, hours);
    }

    private Html chart(StatusHtml html, TellOnce.JobSeen job, Instant now, int hours) {
        Instant to = now.truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(Duration.ofHours(hours));
        boolean acquired = false;
        try {
            acquired = drawing.tryAcquire(DRAWING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (!acquired) {
                html.problem("another chart has been drawing for " + PrometheusDurations.format(DRAWING_WAIT)
                        + "; reload in a moment");
                return new Html(503, html.page());
            }
            Optional<JobChart> chart = RecentChart.of(
                    advisor.engine(),
                    advisor.config(),
                    persistence.history(),
                    job.evaluation().job(),
                    job.cluster(),
                    from,
                    to);
            html.chart(job.evaluation().job(), hours, chart);
            return new Html(200, html.page());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            html.problem("the advisor is stopping");
            return new Html(503, html.page());
        } catch (SQLException e) {
            LOG.warn("page: cannot read the decision history: {}", e.getMessage());
            html.problem("cannot read the decision history: " + e.getMessage());
            return new Html(500, html.page());
        } finally {
            if (acquired) {
                drawing.release();
            }
        }
    }

    /** Per job (by id) what the page shows beside the last cycle: the last decision told and the pause. */
    private Map<String, StatusHtml.Row> rows(TellOnce.Seen seen, Instant now) {
        Map<String, StatusHtml.Row> rows = new LinkedHashMap<>();
        for (TellOnce.JobSeen job : seen.jobs()) {
            Optional<Pause> pause =
                    persistence.pauses().pausing(job.evaluation().job(), now);
            rows.put(
                    job.evaluation().job().id().value(),
                    new StatusHtml.Row(job, lastTold(job.evaluation().job().name()), pause));
        }
        return rows;
    }

    private Optional<HistoryEntry> lastTold(String jobName) {
        try {
            List<HistoryEntry> recent = persistence.history().recent(Optional.of(jobName), Optional.empty(), 50);
            return recent.stream()
                    .filter(e -> RecentChart.DECISION_KINDS.contains(e.kind()))
                    .findFirst();
        } catch (SQLException e) {
            LOG.warn("page: cannot read job {}'s decisions from the history: {}", jobName, e.getMessage());
            return Optional.empty();
        }
    }
}

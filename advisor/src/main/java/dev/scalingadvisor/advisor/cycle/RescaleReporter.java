package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleListener;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.advisor.state.Persistence;
import dev.scalingadvisor.core.text.Spelling;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records and tells each rescale event, on the rescale's own thread: one decision-history row and one
 * notification per event. The executor logs every outcome itself; this logs the steps in between. A refusal
 * repeated every cycle while its decision holds is recorded and logged when its guard changes, and left to
 * the notifiers' noise control otherwise.
 */
final class RescaleReporter implements RescaleListener {

    private static final Logger LOG = LoggerFactory.getLogger(Advisor.class);

    private final Persistence persistence;
    private final Supplier<Advisor.Configured> configured;
    private final BooleanSupplier closing;
    /** The guard that refused each job's last rescale. */
    private final Map<JobOnCluster, PreflightGuard> lastRefusal = new ConcurrentHashMap<>();
    /** Why each job's open operation last stayed open, so that a retry ending the same way is not told again. */
    private final Map<JobOnCluster, String> lastStillOpen = new ConcurrentHashMap<>();

    RescaleReporter(Persistence persistence, Supplier<Advisor.Configured> configured, BooleanSupplier closing) {
        this.persistence = persistence;
        this.configured = configured;
        this.closing = closing;
    }

    @Override
    public void on(RescaleEvent event) {
        JobOnCluster job = new JobOnCluster(
                event.subject().cluster(), event.subject().job().name());
        if (event instanceof RescaleOutcome.Blocked blocked) {
            if (lastRefusal.put(job, blocked.guard()) == blocked.guard()) {
                notify(event);
                return;
            }
            LOG.info(
                    "job={} cluster={} rescale=blocked guard={} refusal=\"{}\" next=\"asked again next cycle while the decision holds\"",
                    job.jobName(),
                    job.cluster(),
                    Spelling.of(blocked.guard()),
                    blocked.reason());
        } else {
            lastRefusal.remove(job);
            if (!(event instanceof RescaleOutcome)) {
                LOG.info(
                        "cluster={} {}",
                        job.cluster(),
                        HistoryRows.rescale(event).summary());
            }
        }
        append(HistoryRows.rescale(event));
        if (event instanceof RescaleOutcome.Failed failed && failed.resumable()
                || event instanceof RescaleOutcome.JobLeftStopped) {
            RescaleOutcome outcome = (RescaleOutcome) event;
            if (outcome.detail().equals(lastStillOpen.put(job, outcome.detail()))) {
                // The daemon's retries of an open operation: told once while it keeps ending the same way.
                return;
            }
        } else if (event instanceof RescaleOutcome) {
            lastStillOpen.remove(job);
        }
        if (closing.getAsBoolean() && event instanceof RescaleOutcome.Failed failed && failed.resumable()) {
            // Our own shutdown interrupted it; the journal has every step and the next start finishes it.
            LOG.info(
                    "job={} cluster={}: the rescale was interrupted by the advisor's shutdown; the next start resumes it from the journal",
                    job.jobName(),
                    job.cluster());
            return;
        }
        notify(event);
    }

    private void notify(RescaleEvent event) {
        Advisor.Configured c = configured.get();
        c.events().rescale(event).ifPresent(c.notifications()::publish);
    }

    private void append(HistoryEntry entry) {
        try {
            persistence.history().append(entry);
        } catch (SQLException e) {
            LOG.error("cannot record in the decision history: {} ({})", entry.summary(), e.getMessage());
        }
    }
}

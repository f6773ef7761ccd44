package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.core.text.Spelling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line every rescale ends with, in the daemon's key=value style: what happened, the changes by
 * vertex name, why, and what it means for the job ({@code next=}, in {@link RescaleOutcome#consequence()}'s
 * words), at the level of its severity: ERROR when a person must act. A refusal at debug level, since the
 * daemon logs a refusal when its guard changes.
 */
final class RescaleLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.scalingadvisor.actions.rescale");

    private RescaleLog() {}

    static void write(RescaleOutcome outcome) {
        RescaleSubject s = outcome.subject();
        String line = "rescale cluster=" + s.cluster() + " job=" + s.job().id() + " name="
                + s.job().name()
                + " operation=" + s.operation().map(OperationId::value).orElse("none")
                + " strategy=" + s.strategy().map(Spelling::of).orElse("none")
                + " outcome=" + outcome.kind().metricLabel()
                + " changes=\"" + s.changes() + "\""
                + details(outcome)
                + (outcome.detail().isEmpty() ? "" : " why=\"" + outcome.detail() + "\"")
                + " next=\"" + outcome.consequence() + "\""
                + " reason=\"" + s.reason() + "\"";
        if (outcome.kind() == RescaleEventKind.BLOCKED) {
            // A refusal repeats every cycle while its decision holds; the daemon logs it when the guard changes.
            LOG.debug("{}", line);
            return;
        }
        switch (outcome.severity()) {
            case INFO -> LOG.info("{}", line);
            case WARNING -> LOG.warn("{}", line);
            case CRITICAL -> LOG.error("{}", line);
        }
    }

    /** What only some outcomes have: the guard that refused, the savepoint, the step timings. */
    private static String details(RescaleOutcome outcome) {
        String guard =
                outcome instanceof RescaleOutcome.Blocked blocked ? " guard=" + Spelling.of(blocked.guard()) : "";
        return guard
                + outcome.savepoint().map(p -> " savepoint=" + p).orElse("")
                + (outcome.timings().durations().isEmpty() ? "" : " " + outcome.timings());
    }
}

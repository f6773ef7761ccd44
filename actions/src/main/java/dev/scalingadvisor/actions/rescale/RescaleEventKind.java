package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.outcome.Severity;
import dev.scalingadvisor.core.text.Spelling;
import java.util.Objects;
import java.util.Optional;

/**
 * Every kind of rescale event, with all the names it goes by and what consumers need to tell it: the decision
 * history's kind, the metric label of an outcome ({@link Spelling#of}: {@code succeeded}, {@code rolled-back},
 * …), the severity people see, the notification it makes and the step it reports as failed, if any. A new
 * outcome is a record in {@link RescaleOutcome} and a constant here; logs, history, metrics and notifications
 * read everything else from these two.
 */
public enum RescaleEventKind {
    STARTED("rescale-started", Severity.INFO, EventKind.RESCALE_STARTED, null),
    RESUMED("rescale-resumed", Severity.WARNING, EventKind.RESCALE_STARTED, null),
    /** Recorded, not told: the outcome that follows tells the savepoint too. */
    SAVEPOINT_TAKEN("savepoint-taken", Severity.INFO, null, null),
    SUCCEEDED("rescale-succeeded", Severity.INFO, EventKind.RESCALE_SUCCEEDED, null),
    BLOCKED("rescale-blocked", Severity.WARNING, EventKind.RESCALE_BLOCKED, null),
    /** Nothing changed: the job runs as before. Told as a failed rescale. */
    ABORTED("rescale-aborted", Severity.WARNING, EventKind.RESCALE_FAILED, "abort"),
    ROLLED_BACK("rolled-back", Severity.WARNING, EventKind.ROLLED_BACK, "rescaled job"),
    FAILED("rescale-failed", Severity.CRITICAL, EventKind.RESCALE_FAILED, "rescale"),
    LEFT_STOPPED("job-left-stopped", Severity.CRITICAL, EventKind.RESCALE_FAILED, "resubmit"),
    /** Recorded and logged, not told: nothing was done. */
    DRY_RUN("dry-run", Severity.INFO, null, null);

    private final String historyName;
    private final Severity severity;
    private final EventKind notification;
    private final String failedStep;

    RescaleEventKind(String historyName, Severity severity, EventKind notification, String failedStep) {
        this.historyName = Objects.requireNonNull(historyName);
        this.severity = Objects.requireNonNull(severity);
        this.notification = notification;
        this.failedStep = failedStep;
    }

    /** The {@code kind} of its decision-history row, e.g. {@code rescale-succeeded}. */
    public String historyName() {
        return historyName;
    }

    /** The {@code outcome} label of {@code scaling_advisor_rescales_total}, e.g. {@code rolled-back}. */
    public String metricLabel() {
        return Spelling.of(this);
    }

    public Severity severity() {
        return severity;
    }

    /**
     * The step a notification of this outcome names as the one that failed ({@code resubmit}), with the
     * outcome's detail and consequence; empty when nothing failed.
     */
    public Optional<String> failedStep() {
        return Optional.ofNullable(failedStep);
    }

    /** The notification this event makes; empty for events only recorded. */
    public Optional<EventKind> notification() {
        return Optional.ofNullable(notification);
    }
}

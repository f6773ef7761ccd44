package dev.scalingadvisor.actions.rescale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line every rescale ends with (a refusal at debug level: the daemon logs a refusal when its guard changes), in the daemon's key=value style; loud (ERROR) when a person must
 * act: a job left stopped, or a failure that recovery cannot fix.
 */
final class RescaleLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.scalingadvisor.actions.rescale");

    private RescaleLog() {}

    static void write(RescaleOutcome outcome) {
        RescaleSubject s = outcome.subject();
        String common = "rescale cluster=" + s.cluster() + " job=" + s.job() + " name=" + s.jobName()
                + " operation=" + s.operation().map(OperationId::value).orElse("none")
                + " strategy=" + s.strategy().map(RescaleMetrics::label).orElse("none")
                + " outcome=" + outcome.label();
        if (outcome instanceof RescaleOutcome.Succeeded o) {
            LOG.info(
                    "{} running_job={} parallelism={} {} reason=\"{}\"",
                    common,
                    o.job(),
                    o.parallelism().values(),
                    o.timings(),
                    s.reason());
        } else if (outcome instanceof RescaleOutcome.Blocked o) {
            // A refusal repeats every cycle while its reason holds; the daemon logs it when the guard changes.
            LOG.debug(
                    "{} guard={} refusal=\"{}\" reason=\"{}\"",
                    common,
                    o.guard().label(),
                    o.reason(),
                    s.reason());
        } else if (outcome instanceof RescaleOutcome.DryRun o) {
            LOG.info("{} calls={} reason=\"{}\"", common, o.calls().size(), s.reason());
        } else if (outcome instanceof RescaleOutcome.Aborted o) {
            LOG.warn("{} why=\"{}\" next=\"the job runs as before\"", common, o.reason());
        } else if (outcome instanceof RescaleOutcome.RolledBack o) {
            LOG.warn(
                    "{} running_job={} savepoint={} why=\"{}\" next=\"the job runs at its previous parallelism\"",
                    common,
                    o.job(),
                    o.savepoint().orElse("none"),
                    o.reason());
        } else if (outcome instanceof RescaleOutcome.Failed o) {
            if (o.resumable()) {
                LOG.warn(
                        "{} job_now={} savepoint={} why=\"{}\" next=\"the operation stays open; recovery finishes it\"",
                        common,
                        o.job().map(Object::toString).orElse("unknown"),
                        o.savepoint().orElse("none"),
                        o.reason());
            } else {
                LOG.error(
                        "{} job_now={} savepoint={} why=\"{}\" next=\"a person must look at the job\"",
                        common,
                        o.job().map(Object::toString).orElse("unknown"),
                        o.savepoint().orElse("none"),
                        o.reason());
            }
        } else if (outcome instanceof RescaleOutcome.JobLeftStopped o) {
            LOG.error(
                    "{} JOB STOPPED savepoint={} why=\"{}\" next=\"submit it from the savepoint, or let recovery retry on the next start\"",
                    common,
                    o.savepoint(),
                    o.reason());
        }
    }
}

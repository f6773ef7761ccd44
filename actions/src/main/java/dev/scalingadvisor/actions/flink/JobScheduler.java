package dev.scalingadvisor.actions.flink;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which Flink scheduler runs a job, and so whether it can be rescaled in place.
 *
 * <p>How it is found: Flink 1.19 and 1.20 pick the scheduler from the JobManager's configuration when the
 * job is submitted ({@code jobmanager.scheduler}, with {@code scheduler-mode: reactive} forcing the adaptive
 * scheduler) and from the job's type (batch jobs get the adaptive batch scheduler). The job's own
 * configuration does not change it. {@code GET /jobs/:id/jobmanager/config} shows that configuration for
 * the job, and {@code GET /jobs/:id} its type on 1.20 (1.19 does not report it; the advisor only watches
 * streaming jobs). Neither {@code resource-requirements} (the default scheduler answers its GET too, and
 * only refuses the PUT) nor the web UI's {@code web-rescale} feature flag (users can switch it off) tells
 * it reliably.
 */
public enum JobScheduler {
    /** The default (pipelined region) scheduler: rescaling needs a savepoint and a resubmission. */
    DEFAULT,
    /** The adaptive scheduler: {@code PUT resource-requirements} rescales the running job in place. */
    ADAPTIVE,
    /** The adaptive scheduler in reactive mode: it always uses every slot, so requirements do not steer it. */
    REACTIVE,
    /** The adaptive batch scheduler of batch jobs: nothing to rescale while it runs. */
    ADAPTIVE_BATCH;

    static final String SCHEDULER_KEY = "jobmanager.scheduler";
    static final String SCHEDULER_MODE_KEY = "scheduler-mode";

    /** Whether {@code PUT resource-requirements} rescales a job run by this scheduler. */
    public boolean rescalesInPlace() {
        return this == ADAPTIVE;
    }

    /**
     * @param jobManagerConfig the job's JobManager configuration ({@code key → value})
     * @param jobType          {@code STREAMING} or {@code BATCH} when Flink reports it
     */
    public static JobScheduler of(Map<String, String> jobManagerConfig, Optional<String> jobType) {
        String mode =
                jobManagerConfig.getOrDefault(SCHEDULER_MODE_KEY, "").trim().toLowerCase(Locale.ROOT);
        String scheduler =
                jobManagerConfig.getOrDefault(SCHEDULER_KEY, "").trim().toLowerCase(Locale.ROOT);
        if (jobType.map(t -> t.equalsIgnoreCase("BATCH")).orElse(false)) {
            return ADAPTIVE_BATCH;
        }
        if (mode.equals("reactive")) {
            return REACTIVE;
        }
        return scheduler.equals("adaptive") ? ADAPTIVE : DEFAULT;
    }
}

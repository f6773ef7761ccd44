package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.job.JobRef;

/** The scaling settings in force for a job (the daemon resolves its per-job overrides). */
@FunctionalInterface
public interface ScalingSettingsLookup {

    ScalingSettings settingsFor(JobRef job);

    /** The same settings for every job. */
    static ScalingSettingsLookup always(ScalingSettings settings) {
        return job -> settings;
    }
}

package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.rules.decision.ScalingSettings;

/** The scaling settings in force for a job (the daemon resolves its per-job overrides). */
@FunctionalInterface
public interface ScalingSettingsLookup {

    ScalingSettings settingsFor(JobRef job);

    /** The same settings for every job. */
    static ScalingSettingsLookup always(ScalingSettings settings) {
        return job -> settings;
    }
}

package dev.scalingadvisor.advisor.config;

import java.util.Objects;

/**
 * One {@code jobs[]} entry: a selector and the settings for the jobs it selects, already merged over the
 * global ones (every key the entry leaves out keeps its global value).
 */
public record JobOverride(JobSelector selector, JobSettings settings) {

    public JobOverride {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(settings, "settings");
    }
}

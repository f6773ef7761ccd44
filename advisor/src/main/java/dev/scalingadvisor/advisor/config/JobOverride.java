package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.settings.Include;
import dev.scalingadvisor.core.settings.Nested;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.yaml.ValueParsers;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code jobs[]} entry: a selector and the settings for the jobs it selects, already merged over the
 * global ones (every key the entry leaves out keeps its global value).
 */
public record JobOverride(JobSelector selector, JobSettings settings) {

    public static final Option<JobOverride, Optional<String>> JOB_ID = Option.optional(
                    "jobId", (JobOverride o) -> o.selector().jobId(), ValueParsers.text(), "none")
            .means("the job with this id (one of jobId or nameRegex)");
    public static final Option<JobOverride, Optional<JobNamePattern>> NAME_REGEX = Option.optional(
                    "nameRegex", (JobOverride o) -> o.selector().nameRegex(), ValueParsers.jobNamePattern(), "none")
            .means("the jobs whose whole name matches this regular expression (RE2 syntax, as PromQL's `=~`; one of"
                    + " jobId or nameRegex)");
    public static final Option<JobOverride, Optional<ClusterName>> CLUSTER = Option.optional(
                    "cluster", (JobOverride o) -> o.selector().cluster(), ValueParsers.clusterName(), "any cluster")
            .means("only jobs on the `flink.clusters[]` entry of this name");
    public static final Include<JobOverride, ScalingSettings> SCALING = Include.keysOf(
            "scaling",
            o -> o.settings().scaling(),
            ScalingSettings.SECTION,
            "written in the entry itself (`minParallelism: 2` beside `nameRegex`)");
    public static final Nested<JobOverride, RescaleSettings> RESCALE = Nested.of(
            "rescale",
            o -> o.settings().rescale(),
            RescaleSettings.SECTION,
            "any key of `rescale`; keys left out keep their global values");

    /** The keys of a {@code jobs[]} entry; {@link ConfigLoader} reads them over the global settings. */
    public static final Section<JobOverride> SECTION = Section.readByOwner(
            "Per-job overrides; the first entry that selects a job applies, every key it leaves out keeps its"
                    + " global value.",
            JOB_ID,
            NAME_REGEX,
            CLUSTER,
            JobSettings.MODE.in(JobOverride::settings),
            SCALING,
            RESCALE);

    public JobOverride {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(settings, "settings");
    }
}

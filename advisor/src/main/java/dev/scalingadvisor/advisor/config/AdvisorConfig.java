package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.actions.flink.FlinkClusterSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.http.HttpEndpointYaml;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.settings.ListOf;
import dev.scalingadvisor.core.settings.Nested;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.yaml.Problem;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.evaluation.EvaluatorSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration of one advisor, read from one YAML file and valid as a whole: the loader never
 * returns a half-valid one.
 *
 * @param source   the file it was read from
 * @param defaults the settings of jobs no {@code jobs[]} entry selects
 * @param jobs     per-job overrides, first match wins
 * @param warnings what is valid but unwise in the file (a secret every user can read): {@code check} prints them,
 *     the daemon logs them when it loads the file
 */
public record AdvisorConfig(
        Path source,
        HttpEndpoint prometheus,
        List<FlinkClusterSettings> flinkClusters,
        EvaluationSettings evaluation,
        RulesSettings rules,
        JobSettings defaults,
        List<JobOverride> jobs,
        List<NotifierSettings> notifiers,
        StateSettings state,
        HttpServerSettings http,
        List<Problem> warnings) {

    /** The URL key of the {@code prometheus} section. */
    static final String PROMETHEUS_URL = "url";

    public static final Option<AdvisorConfig, Mode> MODE = JobSettings.MODE.in(AdvisorConfig::defaults);
    public static final Nested<AdvisorConfig, HttpEndpoint> PROMETHEUS = Nested.of(
            "prometheus",
            AdvisorConfig::prometheus,
            HttpEndpointYaml.section(PROMETHEUS_URL, "The Prometheus the rules query. Required."),
            "required: where the rules are queried");
    public static final ListOf<AdvisorConfig, FlinkClusterSettings> CLUSTERS = new ListOf<>(
            "clusters",
            AdvisorConfig::flinkClusters,
            FlinkClusterSettings.SECTION,
            "the Flink clusters whose jobs the advisor reads and, in act mode, rescales");
    public static final Nested<AdvisorConfig, AdvisorConfig> FLINK = Nested.of(
            "flink",
            config -> config,
            Section.readByOwner(
                    "Flink REST is optional in observe and recommend mode (without it, current parallelism and job"
                            + " start times come from Prometheus); act mode needs it.",
                    CLUSTERS),
            "Flink clusters");
    public static final Nested<AdvisorConfig, EvaluationSettings> EVALUATION =
            Nested.of("evaluation", AdvisorConfig::evaluation, EvaluationSettings.SECTION, "when the rules run");
    public static final Nested<AdvisorConfig, RulesSettings> RULES =
            Nested.of("rules", AdvisorConfig::rules, RulesSettings.SECTION, "which rules run");
    public static final Nested<AdvisorConfig, ScalingSettings> SCALING = Nested.of(
            "scaling",
            config -> config.defaults().scaling(),
            ScalingSettings.SECTION,
            "how jobs scale; each `jobs[]` entry may override any key");
    public static final Nested<AdvisorConfig, RescaleSettings> RESCALE = Nested.of(
            "rescale",
            config -> config.defaults().rescale(),
            RescaleSettings.SECTION,
            "how jobs are rescaled in act mode; each `jobs[]` entry may override any key");
    public static final ListOf<AdvisorConfig, JobOverride> JOBS = new ListOf<>(
            "jobs",
            AdvisorConfig::jobs,
            JobOverride.SECTION,
            "per-job settings; the first entry that selects a job applies");
    public static final ListOf<AdvisorConfig, NotifierSettings> NOTIFIERS = new ListOf<>(
            "notifiers",
            AdvisorConfig::notifiers,
            NotifierSettings.SECTION,
            "where recommendations and rescale events go");
    public static final Nested<AdvisorConfig, StateSettings> STATE =
            Nested.of("state", AdvisorConfig::state, StateSettings.SECTION, "where the advisor keeps its state");
    public static final Nested<AdvisorConfig, HttpServerSettings> HTTP =
            Nested.of("http", AdvisorConfig::http, HttpServerSettings.SECTION, "the advisor's own HTTP endpoints");

    /** The keys of {@code advisor.yaml}, top level; {@link ConfigLoader} reads them. */
    public static final Section<AdvisorConfig> SECTION = Section.readByOwner(
            "The keys of the file itself.",
            MODE,
            PROMETHEUS,
            FLINK,
            EVALUATION,
            RULES,
            SCALING,
            RESCALE,
            JOBS,
            NOTIFIERS,
            STATE,
            HTTP);

    public AdvisorConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(prometheus, "prometheus");
        flinkClusters = List.copyOf(flinkClusters);
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(defaults, "defaults");
        jobs = List.copyOf(jobs);
        notifiers = List.copyOf(notifiers);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(http, "http");
        warnings = List.copyOf(warnings);
    }

    /** The settings in force for a job: those of the first {@code jobs[]} entry that selects it, else the defaults. */
    public JobSettings settingsFor(Optional<ClusterName> cluster, JobRef job) {
        return jobs.stream()
                .filter(j -> j.selector().matches(cluster, job))
                .findFirst()
                .map(JobOverride::settings)
                .orElse(defaults);
    }

    public Optional<FlinkClusterSettings> cluster(ClusterName name) {
        return flinkClusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** How the engine evaluates under this configuration: the daemon, {@code evaluate} and {@code backtest} alike. */
    public EvaluatorSettings evaluatorSettings() {
        return EvaluatorSettings.of(evaluation.interval(), evaluation.maxSampleAge(), rules.labels())
                .withPartialAnswers(evaluation.partialAnswers());
    }
}

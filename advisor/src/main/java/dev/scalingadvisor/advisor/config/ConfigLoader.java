package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.actions.flink.FlinkClusterSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.alerting.notifier.NotifierSettingsYaml;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.http.HttpEndpointYaml;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.yaml.EnvironmentInterpolation;
import dev.scalingadvisor.core.yaml.InvalidInputException;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.Problems;
import dev.scalingadvisor.core.yaml.YamlLoader;
import dev.scalingadvisor.core.yaml.YamlNode;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates the advisor's YAML configuration. Reports every problem at once, each with file,
 * line, column and field path, by throwing one {@link InvalidInputException}; returns only a complete,
 * valid {@link AdvisorConfig}.
 */
public final class ConfigLoader {

    private final Map<String, String> environment;
    private final ZoneId zone;

    /** @param environment the process environment: {@code ${VAR}} interpolation and {@code $STATE_DIRECTORY} */
    public ConfigLoader(Map<String, String> environment, ZoneId zone) {
        this.environment = Map.copyOf(environment);
        this.zone = zone;
    }

    public static ConfigLoader fromSystem() {
        return new ConfigLoader(System.getenv(), ZoneId.systemDefault());
    }

    /** @throws InvalidInputException listing every problem found */
    public AdvisorConfig load(Path file) {
        Problems problems = new Problems();
        Optional<YamlNode> document = YamlLoader.withInterpolation(new EnvironmentInterpolation(environment))
                .load(file, problems);
        Path baseDirectory = file.toAbsolutePath().getParent();
        Optional<AdvisorConfig> config = document.flatMap(root -> MappingReader.of(root, "", problems, baseDirectory))
                .flatMap(root -> read(file, root));
        problems.throwIfAny();
        return config.orElseThrow(
                () -> new IllegalStateException("configuration incomplete without a reported problem: " + file));
    }

    private Optional<AdvisorConfig> read(Path file, MappingReader root) {
        Mode mode = AdvisorConfig.MODE.readOrDefault(root);
        Optional<HttpEndpoint> prometheus = root.requiredMapping(AdvisorConfig.PROMETHEUS.key())
                .flatMap(p -> {
                    Optional<HttpEndpoint> endpoint = HttpEndpointYaml.read(p, AdvisorConfig.PROMETHEUS_URL);
                    p.finish();
                    return endpoint;
                });
        List<FlinkClusterSettings> clusters =
                root.mapping(AdvisorConfig.FLINK.key()).map(this::readFlink).orElse(List.of());
        EvaluationSettings evaluation = AdvisorConfig.EVALUATION.readOver(root, EvaluationSettings.DEFAULTS);
        RulesSettings rules = AdvisorConfig.RULES.readOver(root, RulesSettings.DEFAULTS);
        ScalingSettings scaling = AdvisorConfig.SCALING.readOver(root, ScalingSettings.DEFAULTS);
        RescaleSettings rescale =
                AdvisorConfig.RESCALE.readOver(root, RescaleSettings.DEFAULTS.with(RescaleSettings.TIME_ZONE, zone));
        JobSettings defaults = new JobSettings(mode, scaling, rescale);
        List<JobOverride> jobs =
                root.mappingList(AdvisorConfig.JOBS.key(), entry -> readJob(entry, defaults, clusters));
        // Left out, decisions still reach the log (what examples/advisor.yaml shows); `notifiers: []` silences them.
        List<NotifierSettings> notifiers = root.has(AdvisorConfig.NOTIFIERS.key())
                ? root.mappingList(
                        AdvisorConfig.NOTIFIERS.key(), unique(NotifierSettingsYaml::read, NotifierSettings::name))
                : List.of(NotifierSettingsYaml.defaultConsole());
        StateSettings state = AdvisorConfig.STATE.readOver(root, StateSettings.in(defaultStateDir()));
        HttpServerSettings http = AdvisorConfig.HTTP.readOver(root, HttpServerSettings.DEFAULTS);
        root.finish();

        boolean anyAct =
                mode == Mode.ACT || jobs.stream().anyMatch(j -> j.settings().mode() == Mode.ACT);
        if (anyAct && clusters.isEmpty()) {
            root.problem(
                    mode == Mode.ACT ? AdvisorConfig.MODE.key() : AdvisorConfig.JOBS.key(),
                    "act mode needs at least one entry in flink.clusters");
        }
        if (prometheus.isEmpty()) {
            return Optional.empty();
        }
        return root.build(() -> new AdvisorConfig(
                file,
                prometheus.get(),
                clusters,
                evaluation,
                rules,
                defaults,
                jobs,
                notifiers,
                state,
                http,
                root.problems().warnings()));
    }

    private List<FlinkClusterSettings> readFlink(MappingReader flink) {
        List<FlinkClusterSettings> clusters = flink.mappingList(
                AdvisorConfig.CLUSTERS.key(),
                unique(FlinkClusterSettings::read, c -> c.name().value()));
        flink.finish();
        return clusters;
    }

    private Optional<JobOverride> readJob(
            MappingReader entry, JobSettings defaults, List<FlinkClusterSettings> clusters) {
        Optional<String> jobId = JobOverride.JOB_ID.readOrDefault(entry);
        Optional<JobNamePattern> nameRegex = JobOverride.NAME_REGEX.readOrDefault(entry);
        Optional<ClusterName> cluster = JobOverride.CLUSTER.readOrDefault(entry);
        cluster.filter(c -> clusters.stream().noneMatch(s -> s.name().equals(c)))
                .ifPresent(c ->
                        entry.problem(JobOverride.CLUSTER.key(), "no cluster named \"" + c + "\" in flink.clusters"));
        if (entry.has(JobOverride.JOB_ID.key()) == entry.has(JobOverride.NAME_REGEX.key())) {
            entry.problem("set exactly one of jobId or nameRegex");
        }
        Mode mode = JobSettings.MODE.readOrKeep(entry, defaults);
        Optional<ScalingSettings> scaling = ScalingSettings.SECTION.read(entry, defaults.scaling());
        RescaleSettings rescale = JobOverride.RESCALE.readOver(entry, defaults.rescale());
        entry.finish();
        if (scaling.isEmpty() || jobId.isPresent() == nameRegex.isPresent()) {
            return Optional.empty();
        }
        return entry.build(() -> new JobOverride(
                new JobSelector(jobId, nameRegex, cluster), new JobSettings(mode, scaling.get(), rescale)));
    }

    /** systemd's StateDirectory= sets $STATE_DIRECTORY; otherwise the XDG state directory of the user. */
    private Path defaultStateDir() {
        String systemd = environment.get("STATE_DIRECTORY");
        if (systemd != null && !systemd.isBlank()) {
            return Path.of(systemd.split(":")[0]);
        }
        String xdg = environment.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return base.resolve("scaling-advisor");
    }

    /** Wraps a list-entry reader so that an entry whose {@code name} an earlier entry already has is reported there. */
    private static <T> MappingReader.MappingElementReader<T> unique(
            MappingReader.MappingElementReader<T> reader, Function<T, String> name) {
        Set<String> seen = new HashSet<>();
        return entry -> reader.read(entry).filter(item -> {
            if (seen.add(name.apply(item))) {
                return true;
            }
            entry.problem("name", "another entry is already named \"" + name.apply(item) + "\"; names must be unique");
            return false;
        });
    }
}

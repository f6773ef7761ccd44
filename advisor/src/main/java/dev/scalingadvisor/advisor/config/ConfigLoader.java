package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.actions.flink.FlinkClusterSettings;
import dev.scalingadvisor.actions.flink.FlinkClusterSettingsYaml;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleSettingsYaml;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.alerting.notifier.NotifierSettingsYaml;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.http.HttpEndpointYaml;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.yaml.EnvironmentInterpolation;
import dev.scalingadvisor.core.yaml.InvalidInputException;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.Problems;
import dev.scalingadvisor.core.yaml.ValueParsers;
import dev.scalingadvisor.core.yaml.YamlLoader;
import dev.scalingadvisor.core.yaml.YamlNode;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.decision.ScalingSettingsYaml;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.rule.RulePackSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates the advisor's YAML configuration. Reports every problem at once, each with file,
 * line, column and field path, by throwing one {@link InvalidInputException}; returns only a complete,
 * valid {@link AdvisorConfig}.
 */
public final class ConfigLoader {

    private static final Duration DEFAULT_PROMETHEUS_TIMEOUT = Duration.ofSeconds(10);

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
        Mode mode = root.optional("mode", ValueParsers.oneOf(Mode.class), Mode.RECOMMEND);
        Optional<HttpEndpoint> prometheus = root.requiredMapping("prometheus").flatMap(p -> {
            Optional<HttpEndpoint> endpoint = HttpEndpointYaml.read(p, "url", DEFAULT_PROMETHEUS_TIMEOUT);
            p.finish();
            return endpoint;
        });
        List<FlinkClusterSettings> clusters =
                root.mapping("flink").map(this::readFlink).orElse(List.of());
        EvaluationSettings evaluation =
                root.mapping("evaluation").map(this::readEvaluation).orElse(EvaluationSettings.DEFAULTS);
        Optional<RulesSettings> rules = root.mapping("rules")
                .map(this::readRules)
                .orElseGet(() ->
                        Optional.of(new RulesSettings(List.of(RulePackSource.Builtin.DEFAULT), JobLabels.DEFAULTS)));
        Optional<ScalingSettings> scaling = root.mapping("scaling")
                .flatMap(s -> {
                    Optional<ScalingSettings> read = ScalingSettingsYaml.read(s, ScalingSettings.DEFAULTS);
                    s.finish();
                    return read;
                })
                .or(() -> Optional.of(ScalingSettings.DEFAULTS));
        RescaleSettings rescaleDefaults =
                RescaleSettings.DEFAULTS.toBuilder().timeZone(zone).build();
        Optional<RescaleSettings> rescale = root.mapping("rescale")
                .flatMap(r -> RescaleSettingsYaml.read(r, rescaleDefaults))
                .or(() -> Optional.of(rescaleDefaults));
        if (scaling.isEmpty() || rescale.isEmpty()) {
            readRemainingForProblems(root, clusters);
            return Optional.empty();
        }
        JobSettings defaults = new JobSettings(mode, scaling.get(), rescale.get());
        List<JobOverride> jobs = root.mappingList("jobs", entry -> readJob(entry, defaults, clusters));
        // Left out, decisions still reach the log (what examples/advisor.yaml shows); `notifiers: []` silences them.
        List<NotifierSettings> notifiers = root.has("notifiers")
                ? root.mappingList("notifiers", unique(NotifierSettingsYaml::read, NotifierSettings::name))
                : List.of(NotifierSettingsYaml.defaultConsole());
        StateSettings state = root.mapping("state")
                .map(this::readState)
                .orElseGet(() -> new StateSettings(defaultStateDir(), StateSettings.DEFAULT_HISTORY_RETENTION));
        HttpServerSettings http = root.mapping("http").map(this::readHttp).orElse(HttpServerSettings.DEFAULTS);
        root.finish();

        boolean anyAct =
                mode == Mode.ACT || jobs.stream().anyMatch(j -> j.settings().mode() == Mode.ACT);
        if (anyAct && clusters.isEmpty()) {
            root.problem(mode == Mode.ACT ? "mode" : "jobs", "act mode needs at least one entry in flink.clusters");
        }
        if (prometheus.isEmpty() || rules.isEmpty()) {
            return Optional.empty();
        }
        return root.build(() -> new AdvisorConfig(
                file, prometheus.get(), clusters, evaluation, rules.get(), defaults, jobs, notifiers, state, http));
    }

    /** When the defaults are broken, still read the rest so that every problem is reported in one go. */
    private void readRemainingForProblems(MappingReader root, List<FlinkClusterSettings> clusters) {
        JobSettings fallback = new JobSettings(Mode.RECOMMEND, ScalingSettings.DEFAULTS, RescaleSettings.DEFAULTS);
        root.mappingList("jobs", entry -> readJob(entry, fallback, clusters));
        root.mappingList("notifiers", NotifierSettingsYaml::read);
        root.mapping("state").map(this::readState);
        root.mapping("http").map(this::readHttp);
        root.finish();
    }

    private List<FlinkClusterSettings> readFlink(MappingReader flink) {
        List<FlinkClusterSettings> clusters = flink.mappingList(
                "clusters", unique(FlinkClusterSettingsYaml::read, c -> c.name().value()));
        flink.finish();
        return clusters;
    }

    private EvaluationSettings readEvaluation(MappingReader evaluation) {
        Duration interval = evaluation.optional(
                "interval",
                ValueParsers.duration(Duration.ofSeconds(1), Duration.ofHours(1)),
                EvaluationSettings.DEFAULTS.interval());
        Duration maxAge = evaluation.optional(
                "maxSampleAge",
                ValueParsers.duration(Duration.ofSeconds(5), Duration.ofHours(1)),
                EvaluationSettings.DEFAULTS.maxSampleAge());
        evaluation.finish();
        return new EvaluationSettings(interval, maxAge);
    }

    private Optional<RulesSettings> readRules(MappingReader rules) {
        List<RulePackSource> packs = rules.has("packs")
                ? rules.list("packs", (node, path, parent) -> readPackSource(node, path, parent))
                : List.of(RulePackSource.Builtin.DEFAULT);
        if (rules.has("packs") && packs.isEmpty()) {
            rules.problem("packs", "no rule packs listed (leave the key out to use builtin:default)");
        }
        JobLabels labels = rules.mapping("labels")
                .map(l -> {
                    JobLabels d = JobLabels.DEFAULTS;
                    JobLabels read = new JobLabels(
                            l.optional("job", ValueParsers.text(), d.jobId()),
                            l.optional("jobName", ValueParsers.text(), d.jobName()),
                            l.optional("vertex", ValueParsers.text(), d.vertexId()),
                            l.optional("vertexName", ValueParsers.text(), d.vertexName()),
                            l.optional("subtask", ValueParsers.text(), d.subtask()));
                    l.finish();
                    return read;
                })
                .orElse(JobLabels.DEFAULTS);
        rules.finish();
        return packs.isEmpty() ? Optional.empty() : Optional.of(new RulesSettings(packs, labels));
    }

    private static Optional<RulePackSource> readPackSource(YamlNode node, String path, MappingReader parent) {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
            parent.problems()
                    .add(node.location(), path, "expected a rule pack file or builtin:<name>, got " + node.kind());
            return Optional.empty();
        }
        String text = scalar.text().trim();
        if (text.startsWith("builtin:")) {
            String name = text.substring("builtin:".length());
            if (!name.equals(RulePackSource.Builtin.DEFAULT.name())) {
                parent.problems()
                        .add(node.location(), path, "unknown built-in rule pack \"" + name + "\" (there is: default)");
                return Optional.empty();
            }
            return Optional.of(RulePackSource.Builtin.DEFAULT);
        }
        Path packFile = Path.of(text);
        if (!packFile.isAbsolute()) {
            packFile = Path.of(scalar.location().file())
                    .toAbsolutePath()
                    .getParent()
                    .resolve(packFile)
                    .normalize();
        }
        if (!Files.isRegularFile(packFile)) {
            parent.problems().add(node.location(), path, "rule pack file " + packFile + " does not exist");
            return Optional.empty();
        }
        return Optional.of(new RulePackSource.File(packFile));
    }

    private Optional<JobOverride> readJob(
            MappingReader entry, JobSettings defaults, List<FlinkClusterSettings> clusters) {
        Optional<String> jobId = entry.optional("jobId", ValueParsers.text());
        Optional<Pattern> nameRegex = entry.optional("nameRegex", ValueParsers.regex());
        Optional<ClusterName> cluster = entry.optional("cluster", ValueParsers.clusterName());
        cluster.filter(c -> clusters.stream().noneMatch(s -> s.name().equals(c)))
                .ifPresent(c -> entry.problem("cluster", "no cluster named \"" + c + "\" in flink.clusters"));
        if (entry.has("jobId") == entry.has("nameRegex")) {
            entry.problem("set exactly one of jobId or nameRegex");
        }
        Mode mode = entry.optional("mode", ValueParsers.oneOf(Mode.class), defaults.mode());
        Optional<ScalingSettings> scaling = ScalingSettingsYaml.read(entry, defaults.scaling());
        Optional<RescaleSettings> rescale = entry.mapping("rescale")
                .flatMap(r -> RescaleSettingsYaml.read(r, defaults.rescale()))
                .or(() -> entry.has("rescale") ? Optional.empty() : Optional.of(defaults.rescale()));
        entry.finish();
        if (scaling.isEmpty() || rescale.isEmpty() || jobId.isPresent() == nameRegex.isPresent()) {
            return Optional.empty();
        }
        return entry.build(() -> new JobOverride(
                new JobSelector(jobId, nameRegex, cluster), new JobSettings(mode, scaling.get(), rescale.get())));
    }

    private StateSettings readState(MappingReader state) {
        Path dir = state.path("dir").orElseGet(this::defaultStateDir);
        Duration retention = state.optional(
                "historyRetention",
                ValueParsers.duration(Duration.ofHours(1), Duration.ofDays(3650)),
                StateSettings.DEFAULT_HISTORY_RETENTION);
        state.finish();
        return new StateSettings(dir, retention);
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

    private HttpServerSettings readHttp(MappingReader http) {
        String bind = http.optional("bind", ValueParsers.text(), HttpServerSettings.DEFAULTS.bind());
        int port = http.optional("port", ValueParsers.integer(0, 65_535), HttpServerSettings.DEFAULTS.port());
        Optional<Secret> apiToken = http.secret("apiToken");
        http.finish();
        return new HttpServerSettings(bind, port, apiToken);
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

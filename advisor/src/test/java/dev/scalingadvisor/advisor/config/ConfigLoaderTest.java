package dev.scalingadvisor.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.scalingadvisor.actions.rescale.request.ExcludedPeriod;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.alerting.notifier.NotifierType;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.yaml.InvalidInputException;
import dev.scalingadvisor.core.yaml.Problem;
import dev.scalingadvisor.rules.policy.ExcludedVertices;
import dev.scalingadvisor.rules.rule.PolicyKind;
import dev.scalingadvisor.rules.rule.RulePackSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String MINIMAL = "prometheus:\n  url: http://127.0.0.1:9090\n";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>(Map.of("HOME", "/home/advisor"));

    @Test
    void loadsTheShippedExampleConfiguration() {
        AdvisorConfig config = loader().load(Path.of("../examples/advisor.yaml"));

        assertThat(config.prometheus().url().toString()).isEqualTo("http://127.0.0.1:9090");
        assertThat(config.defaults().mode()).isEqualTo(Mode.RECOMMEND);
        assertThat(config.evaluation().interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.rules().packs()).containsExactly(RulePackSource.Builtin.DEFAULT);
        assertThat(config.flinkClusters())
                .singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo(new ClusterName("local")));
        assertThat(config.notifiers())
                .singleElement()
                .satisfies(n -> assertThat(n.type()).isEqualTo(NotifierType.CONSOLE));
        assertThat(config.jobs()).singleElement().satisfies(j -> {
            assertThat(j.settings().scaling().minParallelism()).isEqualTo(2);
            assertThat(j.settings().scaling().policy().kind()).isEqualTo(PolicyKind.RATE);
        });
    }

    @Test
    void appliesDefaultsToAMinimalConfiguration() throws IOException {
        AdvisorConfig config = load(MINIMAL);

        assertThat(config.defaults().mode()).isEqualTo(Mode.RECOMMEND);
        assertThat(config.http()).isEqualTo(HttpServerSettings.DEFAULTS);
        assertThat(config.state().dir()).isEqualTo(Path.of("/home/advisor/.local/state/scaling-advisor"));
        assertThat(config.defaults().rescale().strategy()).isEqualTo(RescaleStrategy.AUTO);
        // The same notifier examples/advisor.yaml shows: decisions reach the log without a notifiers key.
        assertThat(config.notifiers())
                .singleElement()
                .isEqualTo(loader().load(Path.of("../examples/advisor.yaml"))
                        .notifiers()
                        .get(0));
    }

    @Test
    void readsMaxScaleUpFactorWithItsDefault() throws IOException {
        assertThat(load(MINIMAL).defaults().scaling().maxScaleUpFactor()).isEqualTo(4.0);
        assertThat(load(MINIMAL + "scaling:\n  maxScaleUpFactor: 2\n")
                        .defaults()
                        .scaling()
                        .maxScaleUpFactor())
                .isEqualTo(2.0);
    }

    @Test
    void anEmptyNotifierListMeansNoNotifiers() throws IOException {
        assertThat(load(MINIMAL + "notifiers: []\n").notifiers()).isEmpty();
    }

    @Test
    void usesTheSystemdStateDirectoryWhenStateDirIsNotSet() throws IOException {
        environment.put("STATE_DIRECTORY", "/var/lib/scaling-advisor");

        assertThat(load(MINIMAL).state().dir()).isEqualTo(Path.of("/var/lib/scaling-advisor"));
    }

    @Test
    void reportsAYamlSyntaxErrorWithItsPosition() {
        assertThat(problems("prometheus:\n  url: [http://x\nmode: act\n"))
                .singleElement()
                .asString()
                .startsWith(file() + ":3:5: YAML syntax error: ");
    }

    @Test
    void reportsAnEmptyFile() {
        assertThat(problems("# only a comment\n")).singleElement().asString().isEqualTo(file() + ": the file is empty");
    }

    @Test
    void reportsAMissingFile() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> loader().load(missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void reportsAWrongType() {
        assertThat(problems(MINIMAL + "http:\n  port: [1, 2]\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":4:9: http.port: expected a single value, got a list");
        assertThat(problems(MINIMAL + "http:\n  port: nine\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":4:9: http.port: expected a whole number, got \"nine\"");
        assertThat(problems(MINIMAL + "flink: [a]\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":3:8: flink: expected a mapping of keys to values, got a list");
    }

    @Test
    void reportsABadDuration() {
        assertThat(problems(MINIMAL + "evaluation:\n  interval: 5 minutes\n"))
                .singleElement()
                .asString()
                .isEqualTo(
                        file()
                                + ":4:13: evaluation.interval: not a duration: \"5 minutes\" (write it as Prometheus does: 30s, 5m, 1h30m, 2d)");
    }

    @Test
    void reportsAnOutOfRangeNumber() {
        assertThat(problems(MINIMAL + "http:\n  port: 70000\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":4:9: http.port: 70000 is out of range; allowed: 0 to 65535");
        assertThat(problems(MINIMAL + "evaluation:\n  interval: 0s\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":4:13: evaluation.interval: 0s is out of range; allowed: 1s to 1h");
    }

    @Test
    void reportsAnUnknownKeyWithASuggestion() {
        assertThat(problems(MINIMAL + "evaluation:\n  intervall: 30s\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":4:3: evaluation.intervall: unknown key (did you mean \"interval\"?)");
    }

    @Test
    void reportsAnUnknownTopLevelKey() {
        assertThat(problems(MINIMAL + "notifier:\n  - type: console\n"))
                .singleElement()
                .asString()
                .startsWith(file() + ":3:1: notifier: unknown key (did you mean \"notifiers\"?)");
    }

    @Test
    void refusesCredentialsInAUrlWithoutShowingThem() {
        List<Problem> problems = problems("""
                prometheus:
                  url: http://ops:s3cret@prometheus:9090
                notifiers:
                  - type: slack
                    name: team
                    url: https://bot:t0ken@hooks.slack.com/services/T/B/k
                """);

        assertThat(problems).extracting(Problem::path).containsExactly("prometheus.url", "notifiers[0].url");
        assertThat(problems)
                .extracting(Problem::message)
                .allMatch(m -> m.startsWith("the URL holds credentials (user:password@host)"))
                .noneMatch(m -> m.contains("s3cret") || m.contains("t0ken"));
    }

    @Test
    void reportsEveryProblemAtOnceWithTheFieldPath() {
        List<Problem> problems = problems("""
                mode: acting
                prometheus:
                  url: htps:/x
                evaluation:
                  interval: soon
                notifiers:
                  - type: console
                    name: log
                  - type: slack
                    name: team
                    url: not a url
                  - type: pager
                    name: p
                """);

        assertThat(problems)
                .extracting(Problem::path)
                .containsExactly(
                        "mode", "prometheus.url", "evaluation.interval", "notifiers[1].url", "notifiers[2].type");
        assertThat(problems.get(3).toString())
                .isEqualTo(file() + ":11:10: notifiers[1].url: not an http(s) URL (value not shown: it is a secret)");
        assertThat(problems.get(0).message()).isEqualTo("\"acting\" is not one of: observe, recommend, act");
    }

    @Test
    void reportsADuplicateKey() {
        assertThat(problems(MINIMAL + "mode: observe\nmode: recommend\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":4:1: mode: duplicate key (each key may appear once)");
    }

    @Test
    void reportsARequiredSection() {
        assertThat(problems("mode: observe\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":1:1: prometheus: required");
    }

    @Test
    void interpolatesEnvironmentVariablesAndReportsUnsetOnes() throws IOException {
        environment.put("PROM", "http://prom.internal:9090");

        assertThat(load("prometheus:\n  url: ${PROM}\n").prometheus().url().getHost())
                .isEqualTo("prom.internal");
        assertThat(problems("prometheus:\n  url: ${PROM_URL}\n"))
                .singleElement()
                .asString()
                .isEqualTo(
                        file()
                                + ":2:8: prometheus.url: environment variable PROM_URL is not set (use ${PROM_URL:-fallback} for a default)");
    }

    @Test
    void readsSecretsFromFilesAndNeverShowsThem() throws IOException {
        Path slackUrl = dir.resolve("slack-url");
        Files.writeString(slackUrl, "https://hooks.slack.com/services/T000/B000/s3cr3tK3y\n");

        AdvisorConfig config = load(MINIMAL + "notifiers:\n  - type: slack\n    name: team\n    urlFile: slack-url\n");

        assertThat(config.notifiers().get(0).url().orElseThrow().reveal())
                .isEqualTo("https://hooks.slack.com/services/T000/B000/s3cr3tK3y");
        assertThat(config.notifiers().get(0).toString()).doesNotContain("s3cr3tK3y");
    }

    @Test
    void readsTheApiTokenFromAFile() throws IOException {
        Files.writeString(dir.resolve("api-token"), "t0ken-for-the-api\n");

        AdvisorConfig config = load(MINIMAL + "http:\n  apiTokenFile: api-token\n");

        assertThat(config.http().apiToken().orElseThrow().reveal()).isEqualTo("t0ken-for-the-api");
        assertThat(config.http().toString()).doesNotContain("t0ken");
    }

    @Test
    void reportsAMissingSecretFileWithoutTheSecret() {
        assertThat(problems(
                        MINIMAL + "notifiers:\n  - type: slack\n    name: team\n    urlFile: /nonexistent/slack-url\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":6:14: notifiers[0].urlFile: secret file /nonexistent/slack-url does not exist");
    }

    @Test
    void neverPutsAnInvalidSecretValueIntoAMessage() {
        String message = messageOf(MINIMAL
                + "notifiers:\n  - type: webhook\n    name: bus\n    url: http://x\n    secret: hunter2-not-base64!\n");

        assertThat(message).contains("notifiers[0].secret").doesNotContain("hunter2");
    }

    @Test
    void refusesActModeWithoutAFlinkCluster() {
        assertThat(problems(MINIMAL + "mode: act\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":3:7: mode: act mode needs at least one entry in flink.clusters");
    }

    @Test
    void refusesDuplicateNotifierNames() {
        assertThat(problems(MINIMAL + "notifiers:\n  - {type: console, name: a}\n  - {type: console, name: a}\n"))
                .singleElement()
                .asString()
                .isEqualTo(file()
                        + ":5:27: notifiers[1].name: another entry is already named \"a\"; names must be unique");
    }

    @Test
    void mergesJobOverridesOverTheGlobalSettings() throws IOException {
        AdvisorConfig config = load(MINIMAL + """
                scaling:
                  maxParallelism: 8
                  scaleDownDelay: 20m
                jobs:
                  - nameRegex: "orders.*"
                    mode: observe
                    minParallelism: 2
                    policy: {type: rate, targetUtilization: 0.6}
                """);

        JobSettings orders = config.settingsFor(Optional.empty(), new JobRef(new JobId("a1"), "orders_v2"));
        assertThat(orders.mode()).isEqualTo(Mode.OBSERVE);
        assertThat(orders.scaling().minParallelism()).isEqualTo(2);
        assertThat(orders.scaling().maxParallelism()).hasValue(8);
        assertThat(orders.scaling().scaleDownDelay()).isEqualTo(Duration.ofMinutes(20));
        assertThat(orders.scaling().policy().targetUtilization()).isEqualTo(0.6);
        assertThat(config.settingsFor(Optional.empty(), new JobRef(new JobId("b2"), "payments"))
                        .mode())
                .isEqualTo(Mode.RECOMMEND);
    }

    @Test
    void readsTheScaleDownCapGloballyAndPerJobAndRefusesZero() throws IOException {
        AdvisorConfig config = load(MINIMAL + """
                scaling:
                  scaleDownMaxFactor: 0.5
                jobs:
                  - nameRegex: "orders.*"
                    scaleDownMaxFactor: 1
                """);

        assertThat(config.settingsFor(Optional.empty(), new JobRef(new JobId("a1"), "orders"))
                        .scaling()
                        .scaleDownMaxFactor())
                .isEqualTo(1.0);
        assertThat(config.settingsFor(Optional.empty(), new JobRef(new JobId("b2"), "payments"))
                        .scaling()
                        .scaleDownMaxFactor())
                .isEqualTo(0.5);
        assertThat(problems(MINIMAL + "scaling:\n  scaleDownMaxFactor: 0\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":4:23: scaling.scaleDownMaxFactor: 0 is out of range; allowed: 0.01 to 1.0");
    }

    @Test
    void readsExcludedVerticesPerJob() throws IOException {
        AdvisorConfig config = load(MINIMAL + """
                jobs:
                  - nameRegex: "orders.*"
                    excludedVertices: ["Sink: audit", cbc357ccb763df2852fee8c4fc7d55f2]
                """);

        assertThat(config.settingsFor(Optional.empty(), new JobRef(new JobId("a1"), "orders"))
                        .scaling()
                        .excludedVertices()
                        .idsOrNames())
                .containsExactly("Sink: audit", "cbc357ccb763df2852fee8c4fc7d55f2");
        assertThat(config.settingsFor(Optional.empty(), new JobRef(new JobId("b2"), "payments"))
                        .scaling()
                        .excludedVertices())
                .isEqualTo(ExcludedVertices.NONE);
    }

    @Test
    void aCatastrophicNameRegexSelectsJobsInLinearTimeAndOneRe2CannotRunIsRefusedWhereItIsWritten() throws IOException {
        AdvisorConfig config = load(MINIMAL + """
                jobs:
                  - nameRegex: "(a+)+$"
                    mode: observe
                notifiers:
                  - type: console
                    name: log
                    jobs: "(a+)+$"
                """);
        JobRef longName = new JobRef(new JobId("a1"), "a".repeat(50_000) + "!");

        JobSettings settings =
                assertTimeoutPreemptively(Duration.ofSeconds(1), () -> config.settingsFor(Optional.empty(), longName));

        assertThat(settings.mode()).as("no entry selects it: the defaults").isEqualTo(Mode.RECOMMEND);
        assertThat(assertTimeoutPreemptively(
                        Duration.ofSeconds(1), () -> config.notifiers().get(0).acceptsJob(longName.name())))
                .isFalse();
        assertThat(problems(MINIMAL + "jobs:\n  - nameRegex: \"(o)\\\\1\"\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":4:16: jobs[0].nameRegex: not a regular expression (RE2 syntax, as in PromQL):"
                        + " invalid escape sequence in \"(o)\\1\"");
    }

    @Test
    void refusesAJobEntryWithBothOrNeitherSelector() {
        assertThat(problems(MINIMAL + "jobs:\n  - mode: observe\n"))
                .singleElement()
                .asString()
                .isEqualTo(file() + ":4:5: jobs[0]: set exactly one of jobId or nameRegex");
    }

    @Test
    void refusesMinAboveMaxParallelism() {
        assertThat(problems(MINIMAL + "scaling:\n  minParallelism: 4\n  maxParallelism: 2\n"))
                .singleElement()
                .asString()
                .isEqualTo(
                        file() + ":5:19: scaling.maxParallelism: maxParallelism (2) is less than minParallelism (4)");
    }

    @Test
    void readsExcludedPeriodsInTheirTimeZoneAndAJobsOwnZoneMovesTheInheritedOnes() throws IOException {
        AdvisorConfig config = load(MINIMAL + """
                rescale:
                  timeZone: Europe/Berlin
                  excludedPeriods: ["09:00-17:00 && * * * ? * MON-FRI"]
                jobs:
                  - nameRegex: "us-.*"
                    rescale:
                      timeZone: America/New_York
                """);

        ExcludedPeriod berlin = config.settingsFor(Optional.empty(), new JobRef(new JobId("a1"), "orders"))
                .rescale()
                .excludedPeriods()
                .get(0);
        ExcludedPeriod newYork = config.settingsFor(Optional.empty(), new JobRef(new JobId("b2"), "us-orders"))
                .rescale()
                .excludedPeriods()
                .get(0);
        Instant mondayNineThirtyInBerlin = Instant.parse("2025-03-03T08:30:00Z");
        assertThat(berlin.contains(mondayNineThirtyInBerlin)).isTrue();
        assertThat(newYork.contains(mondayNineThirtyInBerlin))
                .as("03:30 in New York")
                .isFalse();
        assertThat(newYork.contains(Instant.parse("2025-03-03T14:30:00Z")))
                .as("09:30 in New York")
                .isTrue();
        assertThat(problems(MINIMAL + "rescale:\n  timeZone: Mars/Olympus\n"))
                .singleElement()
                .asString()
                .startsWith(file() + ":4:13: rescale.timeZone: not a time zone: \"Mars/Olympus\"");
    }

    @Test
    void refusesAClearThresholdAboveItsRaiseThresholdWhereItIsWritten() {
        assertThat(problems(MINIMAL + "scaling:\n  skewGuard:\n    maxToAverage: 1.5\n    clearToAverage: 1.8\n"))
                .singleElement()
                .asString()
                .isEqualTo(
                        file()
                                + ":6:21: scaling.skewGuard.clearToAverage: clearToAverage (1.8) is more than maxToAverage (1.5)");
    }

    @Test
    void aClearThresholdLeftOutFollowsALoweredRaiseThreshold() throws IOException {
        AdvisorConfig config = load(MINIMAL + """
                scaling:
                  ineffectiveScaleUp: {saturatedCpuLoad: 0.7}
                jobs:
                  - nameRegex: "orders.*"
                    skewGuard: {maxToAverage: 1.2}
                """);

        JobSettings orders = config.settingsFor(Optional.empty(), new JobRef(new JobId("a1"), "orders"));
        assertThat(orders.scaling().ineffectiveScaleUp().saturatedCpuClear()).isEqualTo(0.7);
        assertThat(orders.scaling().skewGuard().clearToAverage()).isEqualTo(1.2);
        assertThat(orders.scaling().skewGuard().clearFor()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesAnInvalidCronExpression() {
        assertThat(problems(MINIMAL + "rescale:\n  excludedPeriods: [\"every monday\"]\n"))
                .singleElement()
                .asString()
                .startsWith(file() + ":4:21: rescale.excludedPeriods[0]: not a Quartz cron expression or a daily time"
                        + " range (09:30-17:00): \"every monday\"");
    }

    private ConfigLoader loader() {
        return new ConfigLoader(environment, ZoneId.of("UTC"));
    }

    private Path file() {
        return dir.resolve("advisor.yaml");
    }

    private AdvisorConfig load(String yaml) throws IOException {
        Files.writeString(file(), yaml);
        return loader().load(file());
    }

    private List<Problem> problems(String yaml) {
        try {
            Files.writeString(file(), yaml);
            loader().load(file());
        } catch (InvalidInputException e) {
            return e.problems();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    private String messageOf(String yaml) {
        return String.join("\n", problems(yaml).stream().map(Problem::toString).toList());
    }
}

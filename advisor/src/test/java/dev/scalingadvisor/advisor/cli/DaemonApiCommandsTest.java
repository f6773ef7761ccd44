package dev.scalingadvisor.advisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.advisor.config.HttpServerSettings;
import dev.scalingadvisor.advisor.daemon.Readiness;
import dev.scalingadvisor.advisor.http.AdvisorHttpServer;
import dev.scalingadvisor.advisor.http.DecisionsEndpoint;
import dev.scalingadvisor.advisor.http.PausesEndpoint;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.advisor.state.Persistence;
import dev.scalingadvisor.advisor.state.StateDatabase;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.testing.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code decisions}, {@code pause} and {@code resume} as a person runs them, against the daemon's real HTTP server
 * and API endpoints over a state database: what they print, their exit codes, the API token, an advisor that is
 * not there.
 */
class DaemonApiCommandsTest {

    /** Now: --since counts back from the wall clock, as for a person at the command line. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final List<JobRef> JOBS =
            List.of(new JobRef(new JobId("a1"), "orders-v2"), new JobRef(new JobId("b2"), "payments"));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private StateDatabase database;
    private Persistence persistence;
    private AdvisorHttpServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void decisionsPrintsTheMatchingJobsHistoryOldestFirstOrTheApisJson() throws Exception {
        start(Optional.empty());
        record("orders-v2", "recommendation", NOW.minus(Duration.ofHours(3)), "orders-v2: scale up 2 → 3");
        record("payments", "recommendation", NOW.minus(Duration.ofMinutes(90)), "payments: scale up 1 → 2");
        record("orders-v2", "rescale-succeeded", NOW.minus(Duration.ofMinutes(30)), "orders-v2: rescaled 2 → 3");

        Run text = run("decisions", "--url", url(), "--job", "orders.*", "--since", "2h");
        Run json = run("decisions", "--url", url(), "--job", "orders.*", "--format", "json");

        assertThat(text.code()).isZero();
        assertThat(text.out())
                .as("only orders, only the last two hours, oldest first")
                .isEqualTo(NOW.minus(Duration.ofMinutes(30)) + "  rescale-succeeded  act  orders-v2: rescaled 2 → 3\n");
        assertThat(json.code()).isZero();
        JsonNode decisions = Json.mapper().readTree(json.out()).path("decisions");
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0).path("kind").asText())
                .as("newest first, as the API")
                .isEqualTo("rescale-succeeded");
    }

    @Test
    void pauseAndResumeChangeWhatTheDaemonHoldsAndSayWhichJobsItConcerns() throws Exception {
        start(Optional.empty());

        Run paused = run("pause", "--url", url(), "--job", "orders.*", "--for", "2h");
        Run all = run("pause", "--url", url());

        assertThat(paused.code()).isZero();
        assertThat(paused.out())
                .contains("paused jobs matching \"orders.*\" until " + NOW.plus(Duration.ofHours(2)))
                .contains("jobs now: orders-v2");
        assertThat(all.out()).contains("paused jobs matching \".*\" until resumed", "jobs now: orders-v2, payments");
        assertThat(persistence.pauses().pausing(JOBS.get(1), NOW)).isPresent();
        assertThat(get("/readyz"))
                .contains("paused: jobs matching \"orders.*\" until " + NOW.plus(Duration.ofHours(2)));

        Run resumeOrders = run("resume", "--url", url(), "--job", "orders.*");
        assertThat(resumeOrders.code()).isZero();
        assertThat(resumeOrders.out())
                .contains("resumed jobs matching \"orders.*\"")
                .contains("still paused: jobs matching \".*\" until resumed; jobs now: orders-v2, payments");

        Run unknown = run("resume", "--url", url(), "--job", "billing");
        assertThat(unknown.code()).isEqualTo(ScalingAdvisorCommand.BAD_USAGE);
        assertThat(unknown.err()).contains("404", "no pause of jobs matching \"billing\"", "jobs matching \".*\"");

        Run everything = run("resume", "--url", url());
        assertThat(everything.out()).contains("resumed jobs matching \".*\"");
        assertThat(persistence.pauses().holding(NOW)).isEmpty();
    }

    @Test
    void aPauseThatEndsByItselfNoLongerHolds() throws Exception {
        start(Optional.empty());
        run("pause", "--url", url(), "--job", "payments", "--for", "30m");

        clock.advance(Duration.ofMinutes(31));

        assertThat(persistence.pauses().pausing(JOBS.get(1), clock.instant())).isEmpty();
        assertThat(get("/readyz")).doesNotContain("paused");
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSentAndTheApisRefusalsAreShown() throws Exception {
        start(Optional.empty());

        Run badRegex = run("pause", "--url", url(), "--job", "orders[");
        Run badDuration = run("pause", "--url", url(), "--for", "two hours");
        Run badSince = run("decisions", "--url", url(), "--since", "yesterday");

        assertThat(badRegex.code()).isEqualTo(ScalingAdvisorCommand.BAD_USAGE);
        assertThat(badRegex.err()).contains("not a regular expression");
        assertThat(badDuration.code()).isEqualTo(ScalingAdvisorCommand.BAD_USAGE);
        assertThat(badDuration.err()).contains("not a duration: \"two hours\"");
        assertThat(badSince.code()).isEqualTo(ScalingAdvisorCommand.BAD_USAGE);
        assertThat(badSince.err()).contains("--since yesterday: neither a duration");
        assertThat(persistence.pauses().holding(NOW)).isEmpty();
        assertThat(post("/api/v1/pauses", "{\"jobs\": \"x\", \"until\": \"tomorrow\"}"))
                .as("the API names an unknown field")
                .contains("unknown field \\\"until\\\"");
    }

    @Test
    void withAnApiTokenTheCommandsNeedItAndNeverPrintIt() throws Exception {
        start(Optional.of(Secret.of("s3cret-token")));
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "s3cret-token\n");

        Run without = run("pause", "--url", url());
        Run with = run("pause", "--url", url(), "--token-file", tokenFile.toString());

        assertThat(without.code()).isEqualTo(ScalingAdvisorCommand.BAD_USAGE);
        assertThat(without.err()).contains("401", "--token-file").doesNotContain("s3cret");
        assertThat(persistence.pauses().holding(NOW)).hasSize(1);
        assertThat(with.code()).isZero();
        assertThat(with.out() + with.err()).doesNotContain("s3cret");
    }

    @Test
    void anAdvisorThatIsNotRunningIsAFailureThatSaysWhereItLooked() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        Run run = run("decisions", "--url", "http://127.0.0.1:" + closed);

        assertThat(run.code()).isEqualTo(ScalingAdvisorCommand.RUNTIME_FAILURE);
        assertThat(run.err())
                .contains("cannot reach the advisor at http://127.0.0.1:" + closed)
                .contains("Is it running?");
    }

    private void start(Optional<Secret> token) throws Exception {
        database = StateDatabase.open(dir.resolve("advisor.db"));
        persistence = Persistence.open(database);
        Readiness readiness = new Readiness(System::nanoTime);
        readiness.notesFrom(() -> persistence.pauses().holding(clock.instant()).stream()
                .map(p -> "paused: " + p.describe())
                .toList());
        server = AdvisorHttpServer.start(
                new HttpServerSettings("127.0.0.1", 0, token),
                new PrometheusRegistry(),
                readiness,
                () -> Duration.ofMinutes(5),
                Map.of(
                        DecisionsEndpoint.PATH,
                        new DecisionsEndpoint(persistence.history()),
                        PausesEndpoint.PATH,
                        new PausesEndpoint(persistence.pauses(), () -> JOBS, clock)));
    }

    private void record(String job, String kind, Instant at, String summary) throws Exception {
        persistence
                .history()
                .append(new HistoryEntry(
                        at,
                        Optional.of("prod"),
                        job.equals("payments") ? "b2" : "a1",
                        job,
                        kind,
                        Optional.of("up"),
                        OptionalInt.of(2),
                        OptionalInt.of(3),
                        kind.startsWith("rescale") ? "act" : "recommend",
                        summary,
                        "{}"));
    }

    private String url() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = ScalingAdvisorCommand.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url() + path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private String post(String path, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url() + path))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private record Run(int code, String out, String err) {}
}

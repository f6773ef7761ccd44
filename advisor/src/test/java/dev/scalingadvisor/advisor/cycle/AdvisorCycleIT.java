package dev.scalingadvisor.advisor.cycle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.ConfigLoader;
import dev.scalingadvisor.advisor.pause.Pause;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.advisor.state.Persistence;
import dev.scalingadvisor.advisor.state.StateDatabase;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.rules.testing.FlinkHistory;
import dev.scalingadvisor.testbed.prometheus.PrometheusExtension;
import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One advisor, its cycles driven at chosen instants over an hour of Flink-like history in a real Prometheus:
 * what each mode does with a decision (the history row, the notification), that a decision holding over
 * several cycles is told once, and that it is resolved when its conditions clear. No Flink REST: the jobs are
 * known from Prometheus alone, as in observe and recommend mode without {@code flink.clusters}.
 */
class AdvisorCycleIT {

    private static final Instant FROM = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(1));
    private static final double MINUTE_20 = 20 * 60;
    private static final double MINUTE_40 = 40 * 60;
    /** Backpressured from minute 20 to minute 40: past the default pack's 5-minute for at minute 35, calm at the end. */
    private static final Instant BACKPRESSURED = FROM.plus(Duration.ofMinutes(35));

    private static final Instant CALM = TO;

    private static final FlinkHistory HISTORY = new FlinkHistory(FROM, TO).surgingOrdersJob(AdvisorCycleIT::surge);

    private static final String HOOK = "/hooks/advisor";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static PrometheusExtension prometheus =
            PrometheusExtension.withOptions(PrometheusOptions.defaults().withBackfill(HISTORY.series()));

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    @TempDir
    Path dir;

    private StateDatabase database;
    private Advisor advisor;

    private static boolean surge(double secondsSinceFrom) {
        return secondsSinceFrom >= MINUTE_20 && secondsSinceFrom < MINUTE_40;
    }

    @AfterEach
    void close() throws Exception {
        if (advisor != null) {
            advisor.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void observeModeRecordsTheDecisionOnceAndNotifiesNobody() throws Exception {
        Persistence persistence = start("observe");

        advisor.run(BACKPRESSURED);
        advisor.run(BACKPRESSURED.plusSeconds(15));

        List<HistoryEntry> entries = history(persistence);
        assertThat(entries).extracting(HistoryEntry::kind).containsExactly("decision");
        HistoryEntry decision = entries.get(0);
        assertThat(decision.jobName()).isEqualTo("orders_v2");
        assertThat(decision.mode()).isEqualTo("observe");
        assertThat(decision.direction()).contains("up");
        assertThat(decision.currentParallelism()).hasValue(2);
        assertThat(decision.targetParallelism()).hasValue(3);
        assertThat(decision.summary()).contains("orders_v2", "2 → 3");
        assertThat(decision.cluster()).as("no Flink cluster knows the job").isEmpty();
        Thread.sleep(500);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(HOOK))))
                .as("webhooks in observe mode")
                .isEmpty();
    }

    @Test
    void recommendModeTellsADecisionOnceWhileItHoldsAndResolvesItWhenItClears() throws Exception {
        Persistence persistence = start("recommend");

        // A decision holding over two cycles: one history row, one notification
        advisor.run(BACKPRESSURED);
        advisor.run(BACKPRESSURED.plusSeconds(15));
        assertThat(history(persistence)).extracting(HistoryEntry::kind).containsExactly("recommendation");
        JsonNode recommendation = awaitWebhook("recommendation");
        assertThat(recommendation.at("/data/job/name").asText()).isEqualTo("orders_v2");
        assertThat(recommendation.at("/data/parallelism/current").asInt()).isEqualTo(2);
        assertThat(recommendation.at("/data/parallelism/target").asInt()).isEqualTo(3);

        // The conditions clear: the recommendation is resolved, in the history and to the receiver
        advisor.run(CALM);
        assertThat(history(persistence))
                .extracting(HistoryEntry::kind)
                .containsExactly("recommendation", "recommendation-resolved");
        awaitWebhook("recommendation-resolved");
        assertThat(webhooks())
                .extracting(w -> w.path("type").asText())
                .containsExactly("recommendation", "recommendation-resolved");
    }

    @Test
    void aPausedJobsRecommendationIsRecordedButNotSentUntilResumed() throws Exception {
        Persistence persistence = start("recommend");
        persistence.pauses().add(new Pause(JobNamePattern.of("orders.*"), FROM, Optional.empty()));

        // While paused, the decision is evaluated and recorded, saying so, and nothing is sent
        advisor.run(BACKPRESSURED);
        advisor.run(BACKPRESSURED.plusSeconds(15));
        assertThat(history(persistence)).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo("recommendation");
            assertThat(entry.summary()).contains("2 → 3", "(paused: jobs matching \"orders.*\" until resumed)");
        });
        Thread.sleep(500);
        assertThat(webhooks()).as("webhooks while paused").isEmpty();

        // Resumed while the decision still holds: the next cycle sends it
        persistence.pauses().remove(Optional.of("orders.*"), BACKPRESSURED.plusSeconds(20));
        advisor.run(BACKPRESSURED.plusSeconds(30));
        JsonNode recommendation = awaitWebhook("recommendation");
        assertThat(recommendation.at("/data/parallelism/target").asInt()).isEqualTo(3);
    }

    private Persistence start(String mode) throws Exception {
        receiver.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(204)));
        Path config = dir.resolve("advisor.yaml");
        Files.writeString(
                config, """
                mode: %s
                prometheus:
                  url: %s
                evaluation:
                  interval: 15s
                  maxSampleAge: 2m
                notifiers:
                  - type: webhook
                    name: hooks
                    url: %s
                    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                state:
                  dir: %s
                """.formatted(mode, prometheus.baseUrl(), receiver.baseUrl() + HOOK, dir.resolve("state")));
        AdvisorConfig loaded = ConfigLoader.fromSystem().load(config);
        Files.createDirectories(dir.resolve("state"));
        database = StateDatabase.open(dir.resolve("state").resolve("advisor.db"));
        Persistence persistence = Persistence.open(database);
        advisor = Advisor.start(loaded, persistence, new PrometheusRegistry(), Clock.systemUTC());
        return persistence;
    }

    /** Oldest first. */
    private static List<HistoryEntry> history(Persistence persistence) throws Exception {
        List<HistoryEntry> entries =
                new ArrayList<>(persistence.history().recent(Optional.empty(), Optional.empty(), 100));
        Collections.reverse(entries);
        return entries;
    }

    private static List<JsonNode> webhooks() {
        return receiver.findAll(postRequestedFor(urlEqualTo(HOOK))).stream()
                .map(r -> parse(r.getBodyAsString()))
                .toList();
    }

    private static JsonNode awaitWebhook(String type) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> found = webhooks().stream()
                    .filter(w -> w.path("type").asText().equals(type))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type + " webhook within 10 s; received " + webhooks());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

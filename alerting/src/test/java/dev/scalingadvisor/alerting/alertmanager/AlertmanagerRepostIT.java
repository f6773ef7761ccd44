package dev.scalingadvisor.alerting.alertmanager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.delivery.NotificationMetrics;
import dev.scalingadvisor.alerting.delivery.Notifications;
import dev.scalingadvisor.alerting.delivery.TestPolicies;
import dev.scalingadvisor.alerting.fixtures.Receivers;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.alerting.fixtures.Settings;
import dev.scalingadvisor.alerting.noise.NotificationLog;
import dev.scalingadvisor.alerting.notifier.NotifierType;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.testing.Golden;
import dev.scalingadvisor.core.testing.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the advisor posts to Alertmanager, on a clock moved by hand: re-posted while it holds, often enough
 * that Alertmanager does not time it out; ended when it resolves or its direction turns. WireMock records.
 */
class AlertmanagerRepostIT {

    private static final Duration CYCLE = Duration.ofSeconds(15);

    @RegisterExtension
    static WireMockExtension alertmanager = Receivers.onLoopback();

    private final MutableClock clock = new MutableClock(SampleEvents.AT);
    private Notifications notifications;

    @BeforeEach
    void start() {
        alertmanager.stubFor(post(urlPathEqualTo("/prefix/api/v2/alerts"))
                .willReturn(aResponse().withStatus(200)));
        notifications = Notifications.builder(
                        NotificationLog.inMemory(), NotificationMetrics.register(new PrometheusRegistry()), clock)
                .policy(TestPolicies.fast())
                .notifier(Settings.of(
                        NotifierType.ALERTMANAGER, "alertmanager", Receivers.url(alertmanager) + "/prefix/"))
                .build();
    }

    @AfterEach
    void stop() {
        notifications.close(Duration.ofSeconds(2));
    }

    private void cycle(Event event) throws InterruptedException {
        notifications.publish(event);
        assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
        clock.advance(CYCLE);
    }

    private Event recommendation(int target) {
        return SampleEvents.changeAt(EventKind.RECOMMENDATION, clock.instant(), 4, target);
    }

    private List<JsonNode> posts() {
        return Receivers.received(alertmanager).stream()
                .map(r -> Golden.parse(r.getBodyAsString()))
                .toList();
    }

    @Test
    void repostsWhileItHoldsSoAlertmanagerKeepsItOpen() throws Exception {
        for (int i = 0; i < 12; i++) {
            cycle(recommendation(6));
        }

        // Three minutes of cycles: posted at 0, 60 s and 120 s (repeats to people are Alertmanager's business).
        List<JsonNode> posts = posts();
        assertThat(posts).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode alert = posts.get(i).get(0);
            Instant postedAt = SampleEvents.AT.plus(Duration.ofMinutes(i));
            assertThat(Instant.parse(alert.get("startsAt").asText())).isEqualTo(postedAt);
            assertThat(Instant.parse(alert.get("endsAt").asText())).isEqualTo(postedAt.plus(Duration.ofMinutes(4)));
        }
    }

    @Test
    void endsTheAlertWhenItsRecommendationResolves() throws Exception {
        cycle(recommendation(6));
        cycle(SampleEvents.changeAt(EventKind.RECOMMENDATION_RESOLVED, clock.instant(), 4, 6));

        JsonNode ended = posts().get(1).get(0);
        assertThat(ended.at("/labels/alertname").asText()).isEqualTo("FlinkScalingRecommendation");
        assertThat(ended.at("/labels/direction").asText()).isEqualTo("up");
        assertThat(Instant.parse(ended.get("endsAt").asText())).isEqualTo(SampleEvents.AT.plus(CYCLE));
    }

    @Test
    void endsTheOldAlertWhenTheDirectionTurns() throws Exception {
        cycle(recommendation(6));
        cycle(recommendation(2));

        JsonNode post = posts().get(1);
        assertThat(post).hasSize(2);
        assertThat(post.get(0).at("/labels/direction").asText()).isEqualTo("up");
        assertThat(Instant.parse(post.get(0).get("endsAt").asText())).isEqualTo(SampleEvents.AT.plus(CYCLE));
        assertThat(post.get(1).at("/labels/direction").asText()).isEqualTo("down");
        assertThat(Instant.parse(post.get(1).get("endsAt").asText()))
                .isEqualTo(SampleEvents.AT.plus(CYCLE).plus(Duration.ofMinutes(4)));
    }

    @Test
    void postsNothingForRescaleProgress() throws Exception {
        cycle(SampleEvents.of(EventKind.RESCALE_STARTED));
        cycle(SampleEvents.of(EventKind.RESCALE_SUCCEEDED));

        assertThat(posts()).isEmpty();
    }

    @Test
    void keepsAFailedRescaleOpenForTheRepeatInterval() throws Exception {
        cycle(SampleEvents.of(EventKind.RESCALE_FAILED));

        JsonNode alert = posts().get(0).get(0);
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(Instant.parse(alert.get("endsAt").asText())).isEqualTo(SampleEvents.AT.plus(Duration.ofHours(4)));
    }
}

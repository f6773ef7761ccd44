package dev.scalingadvisor.advisor.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.config.HttpServerSettings;
import dev.scalingadvisor.advisor.daemon.Readiness;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdvisorHttpServerTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void anEndpointThatFailsAnswers500AndTheConnectionStaysUsable() throws Exception {
        Map<String, AdvisorHttpServer.JsonEndpoint> api = Map.of(
                "/api/v1/broken",
                        request -> {
                            throw new IllegalStateException("the store is gone");
                        },
                "/api/v1/fine", request -> new AdvisorHttpServer.JsonEndpoint.Response(200, "{}"));
        try (AdvisorHttpServer server = AdvisorHttpServer.start(
                new HttpServerSettings("127.0.0.1", 0),
                new PrometheusRegistry(),
                new Readiness(Clock.systemUTC()),
                () -> Duration.ofMinutes(1),
                api)) {
            String base = "http://127.0.0.1:" + server.address().getPort();

            HttpResponse<String> broken = get(base + "/api/v1/broken");
            HttpResponse<String> fine = get(base + "/api/v1/fine");

            assertThat(broken.statusCode()).isEqualTo(500);
            assertThat(broken.body())
                    .contains("internal error answering /api/v1/broken")
                    .doesNotContain("the store is gone");
            assertThat(fine.statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

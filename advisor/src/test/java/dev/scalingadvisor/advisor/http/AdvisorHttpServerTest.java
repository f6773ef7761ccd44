package dev.scalingadvisor.advisor.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.config.HttpServerSettings;
import dev.scalingadvisor.advisor.daemon.Readiness;
import dev.scalingadvisor.core.secret.Secret;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The endpoints under misuse: failing handlers, clients that never finish a request, callers without the API token. */
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
        try (AdvisorHttpServer server = start(api)) {
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

    @Test
    void clientsThatSendHalfARequestDoNotStarveTheProbes() throws Exception {
        try (AdvisorHttpServer server = start(Map.of());
                Socket first = halfARequest(server);
                Socket second = halfARequest(server);
                Socket third = halfARequest(server)) {
            String base = "http://127.0.0.1:" + server.address().getPort();

            assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(base + "/readyz").statusCode()).isEqualTo(503);
            assertThat(get(base + "/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRequestNotSentInTimeIsCutOff() throws Exception {
        try (AdvisorHttpServer server = start(Map.of());
                Socket slow = halfARequest(server)) {
            slow.setSoTimeout(
                    (int) AdvisorHttpServer.REQUEST_READ_TIMEOUT.plusSeconds(5).toMillis());
            long began = System.nanoTime();

            int read = slow.getInputStream().read();

            assertThat(read).as("the server closed the connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - began))
                    .isLessThan(AdvisorHttpServer.REQUEST_READ_TIMEOUT.plusSeconds(3));
        }
    }

    @Test
    void withATokenTheApiAsksForItAndTheProbesDoNot() throws Exception {
        Map<String, AdvisorHttpServer.JsonEndpoint> api =
                Map.of("/api/v1/fine", request -> new AdvisorHttpServer.JsonEndpoint.Response(200, "{}"));
        try (AdvisorHttpServer server = AdvisorHttpServer.start(
                new HttpServerSettings("127.0.0.1", 0, Optional.of(Secret.of("s3cret-api-token"))),
                new PrometheusRegistry(),
                new Readiness(System::nanoTime),
                () -> Duration.ofMinutes(1),
                api)) {
            String base = "http://127.0.0.1:" + server.address().getPort();

            HttpResponse<String> without = get(base + "/api/v1/fine");
            HttpResponse<String> wrong = get(base + "/api/v1/fine", "Bearer s3cret-api-tokeN");
            HttpResponse<String> right = get(base + "/api/v1/fine", "Bearer s3cret-api-token");
            HttpResponse<String> unknown = get(base + "/api/v1/nothing-here");

            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(without.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"scaling-advisor\"");
            assertThat(without.body()).contains("Authorization: Bearer");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain("s3cret");
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(unknown.statusCode())
                    .as("no hint of which API paths exist")
                    .isEqualTo(401);
            assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(base + "/metrics").statusCode()).isEqualTo(200);
            assertThat(get(base + "/readyz").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void withATokenThePageTakesItAsBasicPasswordOrBearerAndOnlyReads() throws Exception {
        String token = "s3cret-page-token";
        try (AdvisorHttpServer server = AdvisorHttpServer.start(
                new HttpServerSettings("127.0.0.1", 0, Optional.of(Secret.of(token))),
                new PrometheusRegistry(),
                new Readiness(System::nanoTime),
                () -> Duration.ofMinutes(1),
                Map.of(),
                Optional.of(request -> new AdvisorHttpServer.Page.Html(200, "<!DOCTYPE html><p>jobs</p>")))) {
            String base = "http://127.0.0.1:" + server.address().getPort();
            String basic =
                    "Basic " + Base64.getEncoder().encodeToString(("anyone:" + token).getBytes(StandardCharsets.UTF_8));
            String wrongBasic =
                    "Basic " + Base64.getEncoder().encodeToString((token + ":wrong").getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> without = get(base + "/");
            HttpResponse<String> withBasic = get(base + "/", basic);
            HttpResponse<String> withBearer = get(base + "/", "Bearer " + token);
            HttpResponse<String> tokenAsUserName = get(base + "/", wrongBasic);
            HttpResponse<String> notBase64 = get(base + "/", "Basic %%%");
            HttpResponse<String> post = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(base + "/"))
                            .header("Authorization", basic)
                            .POST(HttpRequest.BodyPublishers.ofString("job=x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(without.headers().firstValue("WWW-Authenticate"))
                    .as("a browser asks for the token as a password")
                    .contains("Basic realm=\"scaling-advisor\", charset=\"UTF-8\"");
            assertThat(without.body()).contains("http.apiToken").doesNotContain(token);
            assertThat(withBasic.statusCode()).isEqualTo(200);
            assertThat(withBasic.body()).contains("<p>jobs</p>");
            assertThat(withBasic.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(withBasic.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(policy -> assertThat(policy).startsWith("default-src 'none'"));
            assertThat(withBearer.statusCode()).isEqualTo(200);
            assertThat(tokenAsUserName.statusCode()).isEqualTo(401);
            assertThat(notBase64.statusCode()).isEqualTo(401);
            assertThat(post.statusCode()).as("the page never changes anything").isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        }
    }

    @Test
    void withoutAPageTheRootIsNotFound() throws Exception {
        try (AdvisorHttpServer server = start(Map.of())) {
            assertThat(get("http://127.0.0.1:" + server.address().getPort() + "/")
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    private static AdvisorHttpServer start(Map<String, AdvisorHttpServer.JsonEndpoint> api) throws IOException {
        return AdvisorHttpServer.start(
                new HttpServerSettings("127.0.0.1", 0, Optional.empty()),
                new PrometheusRegistry(),
                new Readiness(System::nanoTime),
                () -> Duration.ofMinutes(1),
                api);
    }

    /** A client that opens a connection, sends the first bytes of a request and then nothing. */
    private static Socket halfARequest(AdvisorHttpServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.address().getPort());
        socket.getOutputStream().write("G".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(3))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(3))
                        .header("Authorization", authorization)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

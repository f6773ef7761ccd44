package dev.scalingadvisor.rules.query;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.scalingadvisor.core.http.HttpAuth;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.testing.MutableClock;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against WireMock: every shape of answer and every fault, each a typed outcome. */
class PrometheusClientTest {

    private static final Instant AT = Instant.parse("2025-03-01T12:00:00.250Z");
    private static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static WireMockExtension prometheus = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final MutableClock clock = new MutableClock(AT);

    @Test
    void readsAVectorWithNaNAndInfinities() {
        answer("/api/v1/query", okJson("""
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"job_id":"a","job_name":"orders"},"value":[1740830400.25,"952.5"]},
                  {"metric":{"job_id":"b"},"value":[1740830400.25,"NaN"]},
                  {"metric":{"job_id":"c"},"value":[1740830400.25,"+Inf"]},
                  {"metric":{"job_id":"d"},"value":[1740830400.25,"-Inf"]}]}}"""));

        QueryResult.Vector vector = vector(client().instant("up", AT));

        assertThat(vector.series()).hasSize(4);
        InstantSeries first = vector.series().get(0);
        assertThat(first.labels().get("job_name")).contains("orders");
        assertThat(first.sample()).isEqualTo(new Sample(AT, 952.5));
        assertThat(vector.series().get(1).sample().value()).isNaN();
        assertThat(vector.series().get(2).sample().value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(vector.series().get(3).sample().value()).isEqualTo(Double.NEGATIVE_INFINITY);
        prometheus.verify(postRequestedFor(urlEqualTo("/api/v1/query"))
                .withRequestBody(containing("query=up"))
                .withRequestBody(containing("time=1740830400.250")));
    }

    @Test
    void readsFieldsInAnyOrderAndSkipsNativeHistograms() {
        answer("/api/v1/query", okJson("""
                {"data":{"result":[{"value":[1740830400,"3"],"metric":{"job_id":"a"}},
                                   {"metric":{"job_id":"h"},"histogram":[1740830400,{"count":"1","sum":"2"}]}],
                         "resultType":"vector"},
                 "warnings":[],"status":"success"}"""));

        assertThat(vector(client().instant("up", AT)).series())
                .singleElement()
                .satisfies(s -> assertThat(s.sample()).isEqualTo(new Sample(Instant.ofEpochSecond(1740830400), 3)));
    }

    @Test
    void readsTheRetentionPrometheusReports() {
        prometheus.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/api/v1/status/runtimeinfo"))
                .willReturn(okJson("""
                        {"status":"success","data":{"startTime":"2025-03-01T00:00:00Z","CWD":"/",
                          "storageRetention":"15d or 10GiB","GOMAXPROCS":2}}""")));

        Optional<StorageRetention> retention = client().retention();

        assertThat(retention).hasValueSatisfying(r -> {
            assertThat(r.text()).isEqualTo("15d or 10GiB");
            assertThat(r.time()).contains(Duration.ofDays(15));
            assertThat(r.oldestAt(AT)).contains(AT.minus(Duration.ofDays(15)));
        });
    }

    @Test
    void aRetentionBySizeAloneHasNoOldestInstantAndAServerThatDoesNotSayHasNoRetention() {
        assertThat(StorageRetention.parse("512MiB").time()).isEmpty();
        assertThat(StorageRetention.parse("10y").time()).contains(Duration.ofDays(3650));
        prometheus.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/api/v1/status/runtimeinfo"))
                .willReturn(aResponse().withStatus(404).withBody("404 page not found")));

        assertThat(client().retention()).isEmpty();
    }

    @Test
    void anEmptyVectorIsAnAnswerNotAFailure() {
        answer("/api/v1/query", okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));

        assertThat(vector(client().instant("absent_metric", AT)).series()).isEmpty();
    }

    @Test
    void readsAMatrixFromARangeQuery() {
        answer("/api/v1/query_range", okJson("""
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"job_id":"a"},"values":[[1740830400,"1"],[1740830415,"2"]]}]}}"""));

        QueryOutcome outcome = client().range(
                        "up",
                        Instant.ofEpochSecond(1740830400),
                        Instant.ofEpochSecond(1740830415),
                        Duration.ofSeconds(15));

        QueryResult.Matrix matrix = (QueryResult.Matrix) ((QueryOutcome.Answered) outcome).result();
        assertThat(matrix.series())
                .singleElement()
                .satisfies(s -> assertThat(s.samples())
                        .containsExactly(
                                new Sample(Instant.ofEpochSecond(1740830400), 1),
                                new Sample(Instant.ofEpochSecond(1740830415), 2)));
        prometheus.verify(postRequestedFor(urlEqualTo("/api/v1/query_range"))
                .withRequestBody(containing("start=1740830400"))
                .withRequestBody(containing("end=1740830415"))
                .withRequestBody(containing("step=15")));
    }

    @Test
    void readsScalarsAndStrings() {
        answer(
                "/api/v1/query",
                okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1740830400,\"2\"]}}"));
        assertThat(client().instant("1+1", AT)).isInstanceOf(QueryOutcome.Answered.class);
        assertThat(((QueryOutcome.Answered) client().instant("1+1", AT)).result())
                .isEqualTo(new QueryResult.Scalar(new Sample(Instant.ofEpochSecond(1740830400), 2)));

        answer(
                "/api/v1/query",
                okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1740830400,\"hi\"]}}"));
        assertThat(((QueryOutcome.Answered) client().instant("\"hi\"", AT)).result())
                .isEqualTo(new QueryResult.Text(Instant.ofEpochSecond(1740830400), "hi"));
    }

    @Test
    void passesWarningsOn() {
        answer("/api/v1/query", okJson("""
                {"status":"success","data":{"resultType":"vector","result":[]},"warnings":["partial response"]}"""));

        assertThat(((QueryOutcome.Answered) client().instant("up", AT)).warnings())
                .containsExactly("partial response");
    }

    @Test
    void aParseErrorBlamesTheQueryAndKeepsPrometheusWording() {
        answer(
                "/api/v1/query",
                aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:5: parse error: unclosed left parenthesis\"}"));

        QueryFailure failure = failure(client().instant("sum(", AT));

        assertThat(failure)
                .isEqualTo(new QueryFailure.Rejected(
                        "bad_data", "invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis", 400));
        assertThat(failure.blamesQuery()).isTrue();
        assertThat(failure.isPrometheusFault()).isFalse();
    }

    @Test
    void anExecutionTimeoutIsPrometheusFault() {
        answer(
                "/api/v1/query",
                aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}"));

        QueryFailure failure = failure(client().instant("up", AT));

        assertThat(failure.describe())
                .isEqualTo(
                        "Prometheus rejected the query (timeout, HTTP 503): query timed out in expression evaluation");
        assertThat(failure.blamesQuery()).isFalse();
        assertThat(failure.isPrometheusFault()).isTrue();
    }

    @Test
    void anHttpErrorWithoutAPrometheusAnswerSaysWhatToCheck() {
        answer("/api/v1/query", aResponse().withStatus(401).withBody("<html>Unauthorized</html>"));
        assertThat(failure(client().instant("up", AT)).describe())
                .isEqualTo("Prometheus answered HTTP 401 (check prometheus.auth): <html>Unauthorized</html>");

        answer("/api/v1/query", aResponse().withStatus(502).withBody("Bad Gateway"));
        QueryFailure gateway = failure(client().instant("up", AT));
        assertThat(gateway).isEqualTo(new QueryFailure.HttpError(502, "Bad Gateway"));
        assertThat(gateway.isPrometheusFault()).isTrue();
    }

    @Test
    void timesOut() {
        answer(
                "/api/v1/query",
                okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")
                        .withFixedDelay(1_500));

        assertThat(failure(client(Duration.ofMillis(300), new HttpAuth.None()).instant("up", AT)))
                .isEqualTo(new QueryFailure.TimedOut(Duration.ofMillis(300)));
    }

    @Test
    void malformedJsonIsUnreadable() {
        answer("/api/v1/query", aResponse().withStatus(200).withBody("this is not json"));

        assertThat(failure(client().instant("up", AT)))
                .isInstanceOfSatisfying(
                        QueryFailure.Malformed.class,
                        m -> assertThat(m.reason()).startsWith("not JSON (this is not json"));
    }

    @Test
    void truncatedJsonIsUnreadable() {
        answer(
                "/api/v1/query",
                aResponse()
                        .withStatus(200)
                        .withBody("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"res"));

        assertThat(failure(client().instant("up", AT)))
                .isInstanceOfSatisfying(
                        QueryFailure.Malformed.class,
                        m -> assertThat(m.reason()).startsWith("the JSON ends early"));
    }

    @Test
    void anAnswerOfTheWrongShapeIsUnreadable() {
        answer(
                "/api/v1/query",
                okJson(
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,2]}]}}"));

        assertThat(failure(client().instant("up", AT)))
                .isInstanceOfSatisfying(
                        QueryFailure.Malformed.class,
                        m -> assertThat(m.reason()).startsWith("a sample is not [time, \"value\"]"));
    }

    @Test
    void readsEveryValueNotationOfAMatrixAsAVectorReadsIt() {
        // A streamed matrix's values are read from the parser's buffer; an answer whose result comes before its
        // resultType is read as a tree, each value from a String. Both must read every notation alike.
        String values = "\"NaN\",\"+Inf\",\"-Inf\",\"Inf\",\"1e3\",\"-0\",\"0.1\",\"12345.678901234567\"";
        StringBuilder matrix = new StringBuilder();
        StringBuilder vector = new StringBuilder();
        String[] each = values.split(",");
        for (int i = 0; i < each.length; i++) {
            matrix.append(i == 0 ? "" : ",")
                    .append("[")
                    .append(1740830400 + i)
                    .append(",")
                    .append(each[i])
                    .append("]");
            vector.append(i == 0 ? "" : ",")
                    .append("{\"metric\":{\"job_id\":\"j")
                    .append(i)
                    .append("\"},\"value\":[1740830400,")
                    .append(each[i])
                    .append("]}");
        }
        answer(
                "/api/v1/query_range",
                okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                        + "{\"metric\":{\"job_id\":\"a\"},\"values\":[" + matrix + "]}]}}"));
        answer(
                "/api/v1/query",
                okJson("{\"status\":\"success\",\"data\":{\"result\":[" + vector + "],\"resultType\":\"vector\"}}"));

        QueryResult.Matrix read = (QueryResult.Matrix) ((QueryOutcome.Answered) client().range(
                                "up", Instant.ofEpochSecond(0), Instant.ofEpochSecond(1), Duration.ofSeconds(15)))
                .result();
        List<Double> fromVector = vector(client().instant("up", AT)).series().stream()
                .map(s -> s.sample().value())
                .toList();

        assertThat(read.series().get(0).samples()).extracting(Sample::value).containsExactlyElementsOf(fromVector);
        assertThat(fromVector)
                .containsExactly(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY,
                        1000.0,
                        -0.0,
                        0.1,
                        12345.678901234567);
    }

    @Test
    void aMatrixValueThatIsNotANumberIsNamed() {
        answer("/api/v1/query_range", okJson("""
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"job_id":"a"},"values":[[1740830400,"1"],[1740830415,"12,5"]]}]}}"""));

        QueryOutcome outcome =
                client().range("up", Instant.ofEpochSecond(0), Instant.ofEpochSecond(1), Duration.ofSeconds(15));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        QueryOutcome.Failed.class,
                        f -> assertThat(f.failure())
                                .isInstanceOfSatisfying(
                                        QueryFailure.Malformed.class,
                                        m -> assertThat(m.reason())
                                                .contains("a sample value is not a number: \"12,5\"")));
    }

    @Test
    void readsSampleTimesInEveryNotationToTheMillisecond() {
        // Prometheus writes Unix seconds with up to three decimals; anything else is read the general way.
        answer("/api/v1/query_range", okJson("""
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"job_id":"a"},"values":[[1740830400,"1"],[1740830400.5,"2"],[1740830400.25,"3"],
                    [1740830400.125,"4"],[1.7408304001e9,"5"],[1740830400.1250,"6"],[0.001,"7"],
                    [253402300799,"8"],[-1.5,"9"]]}]}}"""));

        QueryOutcome outcome =
                client().range("up", Instant.ofEpochSecond(0), Instant.ofEpochSecond(1), Duration.ofSeconds(15));

        QueryResult.Matrix matrix = (QueryResult.Matrix) ((QueryOutcome.Answered) outcome).result();
        assertThat(matrix.series().get(0).samples())
                .extracting(Sample::at)
                .containsExactly(
                        Instant.ofEpochMilli(1_740_830_400_000L),
                        Instant.ofEpochMilli(1_740_830_400_500L),
                        Instant.ofEpochMilli(1_740_830_400_250L),
                        Instant.ofEpochMilli(1_740_830_400_125L),
                        Instant.ofEpochMilli(1_740_830_400_100L),
                        Instant.ofEpochMilli(1_740_830_400_125L),
                        Instant.ofEpochMilli(1),
                        Instant.ofEpochSecond(253_402_300_799L),
                        Instant.ofEpochMilli(-1_500));
    }

    @Test
    void aLabelThatIsNotAStringIsUnreadable() {
        answer(
                "/api/v1/query",
                okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"job_id\":7},\"value\":[1,\"1\"]}]}}"));

        assertThat(failure(client().instant("up", AT)))
                .isInstanceOfSatisfying(
                        QueryFailure.Malformed.class,
                        m -> assertThat(m.reason()).isEqualTo("the label job_id is not a string"));
    }

    @Test
    void anAbsurdSampleTimeIsUnreadableAtOnce() {
        // Issue 14, defect 9: 1e999999999 used to stall the cycle building a billion-digit number
        answer(
                "/api/v1/query",
                okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"job_id\":\"a\"},\"value\":[1e999999999,\"1\"]}]}}"));

        long started = System.nanoTime();
        QueryFailure failure = failure(client().instant("up", AT));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(failure)
                .isInstanceOfSatisfying(
                        QueryFailure.Malformed.class,
                        m -> assertThat(m.reason()).startsWith("a sample time is out of range: 1e999999999"));
    }

    @Test
    void aConnectionThatBreaksIsAConnectionFailure() {
        answer("/api/v1/query", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(failure(client().instant("up", AT))).isInstanceOf(QueryFailure.ConnectionFailed.class);

        answer("/api/v1/query", aResponse().withFault(Fault.EMPTY_RESPONSE));
        assertThat(failure(client().instant("up", AT))).isInstanceOf(QueryFailure.ConnectionFailed.class);

        answer("/api/v1/query", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        assertThat(failure(client().instant("up", AT))).isInstanceOf(QueryFailure.ConnectionFailed.class);
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PrometheusClient client = PrometheusClient.create(
                HttpEndpoint.open(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2)),
                CircuitBreakerSettings.DEFAULTS,
                clock);

        assertThat(failure(client.instant("up", AT)).describe())
                .isEqualTo("cannot reach Prometheus: connection to http://127.0.0.1:" + port + " refused");
    }

    @Test
    void sendsTheBearerTokenButNeverShowsIt() {
        String token = "s3cr3t-token-value";
        answer("/api/v1/query", aResponse().withStatus(403).withBody("token " + token + " is not allowed"));

        QueryFailure failure = failure(
                client(GENEROUS_TIMEOUT, new HttpAuth.Bearer(Secret.of(token))).instant("up", AT));

        prometheus.verify(
                postRequestedFor(urlEqualTo("/api/v1/query")).withHeader("Authorization", equalTo("Bearer " + token)));
        assertThat(failure.describe()).doesNotContain(token).contains("<secret>");
    }

    @Test
    void sendsBasicAuthentication() {
        answer("/api/v1/query", okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));

        client(GENEROUS_TIMEOUT, new HttpAuth.Basic("advisor", Secret.of("pa55word")))
                .instant("up", AT);

        prometheus.verify(postRequestedFor(urlEqualTo("/api/v1/query"))
                .withHeader("Authorization", equalTo("Basic YWR2aXNvcjpwYTU1d29yZA==")));
    }

    @Test
    void keepsAPathPrefix() {
        prometheus.stubFor(post(urlEqualTo("/prometheus/api/v1/query"))
                .willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")));
        PrometheusClient client = PrometheusClient.create(
                HttpEndpoint.open(URI.create(prometheus.baseUrl() + "/prometheus"), GENEROUS_TIMEOUT),
                CircuitBreakerSettings.DEFAULTS,
                clock);

        assertThat(client.instant("up", AT)).isInstanceOf(QueryOutcome.Answered.class);
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndTriesAgainAfterThePause() {
        answer("/api/v1/query", aResponse().withStatus(500).withBody("boom"));
        PrometheusClient client = client();
        for (int i = 0; i < 5; i++) {
            assertThat(failure(client.instant("up", AT))).isInstanceOf(QueryFailure.HttpError.class);
        }

        QueryFailure refused = failure(client.instant("up", AT));

        assertThat(refused)
                .isEqualTo(new QueryFailure.CircuitOpen(Duration.ofSeconds(30), "Prometheus answered HTTP 500: boom"));
        assertThat(refused.describe())
                .isEqualTo("not querying Prometheus for up to 30 s: too many of its last answers failed"
                        + " (last: Prometheus answered HTTP 500: boom)");
        assertThat(refused.blamesQuery()).isFalse();
        assertThat(client.isCircuitClosed()).isFalse();
        prometheus.verify(5, postRequestedFor(urlEqualTo("/api/v1/query")));

        answer("/api/v1/query", okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 10 && !client.isCircuitClosed(); i++) {
            assertThat(client.instant("up", AT)).isInstanceOf(QueryOutcome.Answered.class);
        }
        assertThat(client.isCircuitClosed()).isTrue();
    }

    @Test
    void queryMistakesDoNotOpenTheCircuit() {
        answer(
                "/api/v1/query",
                aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}"));
        PrometheusClient client = client();
        for (int i = 0; i < 20; i++) {
            assertThat(failure(client.instant("sum(", AT))).isInstanceOf(QueryFailure.Rejected.class);
        }
        assertThat(client.isCircuitClosed()).isTrue();
    }

    private void answer(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        prometheus.stubFor(post(urlEqualTo(path)).willReturn(response));
    }

    /**
     * A client whose timeout no answer of these tests comes near: the first request of the class (a cold client and
     * WireMock) took more than 2 s on a loaded 2-core machine. The timeout itself is tested with its own client.
     */
    private PrometheusClient client() {
        return client(GENEROUS_TIMEOUT, new HttpAuth.None());
    }

    private PrometheusClient client(Duration timeout, HttpAuth auth) {
        return PrometheusClient.create(
                new HttpEndpoint(URI.create(prometheus.baseUrl()), timeout, auth, Optional.empty()),
                CircuitBreakerSettings.DEFAULTS,
                clock);
    }

    static QueryResult.Vector vector(QueryOutcome outcome) {
        assertThat(outcome).isInstanceOf(QueryOutcome.Answered.class);
        return (QueryResult.Vector) ((QueryOutcome.Answered) outcome).result();
    }

    static QueryFailure failure(QueryOutcome outcome) {
        assertThat(outcome).isInstanceOf(QueryOutcome.Failed.class);
        return ((QueryOutcome.Failed) outcome).failure();
    }

    @SuppressWarnings("unused")
    private static List<String> none() {
        return List.of();
    }
}

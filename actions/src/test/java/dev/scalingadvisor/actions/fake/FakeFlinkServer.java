package dev.scalingadvisor.actions.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.scalingadvisor.actions.flink.FlinkClusterSettings;
import dev.scalingadvisor.core.http.HttpAuth;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.job.ClusterName;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FakeFlink} behind a WireMock server on a free 127.0.0.1 port, with faults that can be put in front
 * of any call: the cluster keeps its state, WireMock damages the answer (or the request never reaches it).
 */
public final class FakeFlinkServer implements AutoCloseable {

    /**
     * The client timeout of tests whose subject is a timeout: a TIMEOUT fault delays the answer beyond it. Only those
     * tests may use it: on a busy machine an ordinary answer of the fake cluster can take longer than this (a GC pause,
     * two shared cores at load 40), and a test that did not mean to time out would fail by chance.
     */
    public static final Duration CLIENT_TIMEOUT = Duration.ofMillis(1000);

    /**
     * The client timeout of every other test: no load makes the fake cluster this late, so their outcome does not
     * depend on how busy the machine is (RescaleExecutorTest's hourly budget failed once under load with the short
     * one: an ordinary call timed out and the rescale it was part of did not succeed).
     */
    public static final Duration PATIENT_CLIENT_TIMEOUT = Duration.ofSeconds(60);

    private static final AtomicInteger SCENARIOS = new AtomicInteger();

    private final FakeTime time;
    private final FakeFlink flink;
    private final WireMockServer server;

    private FakeFlinkServer(FakeTime time) {
        this.time = time;
        this.flink = new FakeFlink(time);
        this.server = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .extensions(flink)
                .containerThreads(20)
                .jettyStopTimeout(1000L));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeFlink.NAME)));
        warmUp();
    }

    /** The first call to a fresh server is slow on a busy machine; it must not count against a test's timeouts. */
    private void warmUp() {
        try {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection)
                    URI.create(url() + "/v1/overview").toURL().openConnection();
            connection.getInputStream().readAllBytes();
            connection.disconnect();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the fake Flink server does not answer", e);
        }
    }

    public static FakeFlinkServer start(FakeTime time) {
        return new FakeFlinkServer(time);
    }

    public FakeFlink flink() {
        return flink;
    }

    public FakeTime time() {
        return time;
    }

    public WireMockServer wiremock() {
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Settings for a client that waits {@link #PATIENT_CLIENT_TIMEOUT}. */
    public FlinkClusterSettings settings(ClusterName name) {
        return settings(name, HttpAuth.none());
    }

    public FlinkClusterSettings settings(ClusterName name, HttpAuth auth) {
        return settings(name, auth, PATIENT_CLIENT_TIMEOUT);
    }

    /** Settings for a client with {@code timeout}: {@link #CLIENT_TIMEOUT} for tests of {@link Damage#TIMEOUT}. */
    public FlinkClusterSettings settings(ClusterName name, HttpAuth auth, Duration timeout) {
        return new FlinkClusterSettings(
                name, new HttpEndpoint(URI.create(url()), timeout, auth, Optional.empty()), URI.create(url()));
    }

    /**
     * Damages the next {@code times} answers to {@code method pathRegex} ({@code times < 0}: all of them). When
     * {@code processed}, the fake cluster still handles the request (Flink did it, only the answer was lost).
     */
    public void fault(String method, String pathRegex, Damage damage, boolean processed, int times) {
        String scenario = "fault-" + SCENARIOS.incrementAndGet();
        int count = times < 0 ? 1 : times;
        for (int i = 0; i < count; i++) {
            var stub = request(method, urlPathMatching(pathRegex)).atPriority(1).willReturn(answer(damage, processed));
            if (times >= 0) {
                stub = stub.inScenario(scenario)
                        .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "after-" + i)
                        .willSetStateTo("after-" + (i + 1));
            }
            server.stubFor(stub);
        }
    }

    /** Removes every fault: the cluster answers normally again. */
    public void heal() {
        server.resetMappings();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeFlink.NAME)));
    }

    private static ResponseDefinitionBuilder answer(Damage damage, boolean processed) {
        ResponseDefinitionBuilder answer = processed ? aResponse().withTransformers(FakeFlink.NAME) : aResponse();
        return switch (damage) {
            case TIMEOUT -> answer.withStatus(200).withBody("{}").withFixedDelay((int) CLIENT_TIMEOUT.toMillis() + 500);
            // A 5xx is Flink (or a proxy in front of it) failing before it did anything.
            case SERVER_ERROR ->
                aResponse()
                        .withStatus(503)
                        .withBody(
                                "{\"errors\":[\"Service temporarily unavailable due to an ongoing leader election.\"]}");
            case RESET -> answer.withFault(Fault.CONNECTION_RESET_BY_PEER);
            case MALFORMED ->
                processed
                        ? answer.withTransformerParameter("malformed", true)
                        : answer.withStatus(200).withBody("<html><body>502 Bad Gateway (proxy)</body></html>");
        };
    }

    @Override
    public void close() {
        server.stop();
    }

    /** What WireMock does to an answer. */
    public enum Damage {
        /** The answer comes after {@link #CLIENT_TIMEOUT}. */
        TIMEOUT,
        /** 503 with a Flink-style error body. */
        SERVER_ERROR,
        /** The connection is reset instead of an answer. */
        RESET,
        /** 200 with a body that is not JSON. */
        MALFORMED
    }
}

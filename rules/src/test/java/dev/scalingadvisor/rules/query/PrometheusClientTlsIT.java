package dev.scalingadvisor.rules.query;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.scalingadvisor.core.http.HttpAuth;
import dev.scalingadvisor.core.http.HttpEndpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Prometheus behind TLS with a private CA: trusted through the endpoint's CA file, refused without it. */
class PrometheusClientTlsIT {

    private static final String PASSWORD = "changeit-for-tests";

    @TempDir
    static Path dir;

    private static WireMockServer server;
    private static Path caFile;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        caFile = dir.resolve("ca.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "prometheus",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "prometheus",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                caFile.toString());
        server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(keystore.toString())
                .keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD)
                .keystoreType("PKCS12"));
        server.start();
        server.stubFor(post(urlEqualTo("/api/v1/query"))
                .willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void trustsThePrivateCaGivenInTheEndpoint() {
        assertThat(client(Optional.of(caFile)).instant("up", Instant.now())).isInstanceOf(QueryOutcome.Answered.class);
    }

    @Test
    void refusesAnUnknownCertificateAndSaysWhatToCheck() {
        QueryOutcome outcome = client(Optional.empty()).instant("up", Instant.now());

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        QueryOutcome.Failed.class,
                        f -> assertThat(f.failure().describe())
                                .startsWith("cannot reach Prometheus: TLS with https://127.0.0.1:" + server.httpsPort()
                                        + " failed")
                                .endsWith("check prometheus.tls.caFile"));
    }

    private static PrometheusClient client(Optional<Path> ca) {
        return PrometheusClient.create(new HttpEndpoint(
                URI.create("https://127.0.0.1:" + server.httpsPort()), Duration.ofSeconds(5), new HttpAuth.None(), ca));
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        assertThat(Files.exists(dir)).isTrue();
    }
}

package dev.scalingadvisor.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Builds the OkHttp client for one {@link HttpEndpoint}: the endpoint's timeout on every call (connect,
 * read, write and the whole call), its credentials on every request, and its CA when one is given.
 */
public final class HttpClientFactory {

    private static final Duration IDLE_CONNECTIONS_KEPT = Duration.ofSeconds(30);

    private HttpClientFactory() {}

    /**
     * @throws IllegalStateException when the CA file cannot be read or holds no certificate; the
     *     configuration check reads it first, so this means it changed underneath us
     */
    public static OkHttpClient forEndpoint(HttpEndpoint endpoint) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(endpoint.timeout())
                .readTimeout(endpoint.timeout())
                .writeTimeout(endpoint.timeout())
                .callTimeout(endpoint.timeout())
                // Redirects could carry credentials to another host; the APIs we call do not redirect.
                .followRedirects(false)
                // No silent retry: a repeated POST could start a job twice. So a pooled connection the server or a
                // proxy closed while it sat idle would fail the next call (and count against the circuit breaker):
                // idle connections are dropped after 30 s (OkHttp keeps them 5 min), before the 60 s idle timeout of
                // common load balancers and proxies in front of Flink or Prometheus.
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(5, IDLE_CONNECTIONS_KEPT.toSeconds(), TimeUnit.SECONDS));
        String authorization = authorizationHeader(endpoint.auth());
        if (authorization != null) {
            builder.addInterceptor(chain -> chain.proceed(chain.request()
                    .newBuilder()
                    .header("Authorization", authorization)
                    .build()));
        }
        endpoint.caFile().ifPresent(ca -> trust(builder, ca));
        return builder.build();
    }

    private static String authorizationHeader(HttpAuth auth) {
        if (auth instanceof HttpAuth.Bearer bearer) {
            return "Bearer " + bearer.token().reveal();
        }
        if (auth instanceof HttpAuth.Basic basic) {
            return "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    (basic.username() + ":" + basic.password().reveal())
                                            .getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private static void trust(OkHttpClient.Builder builder, Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new IllegalStateException("CA file " + caFile + " holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            TrustManager[] managers = factory.getTrustManagers();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, managers, null);
            builder.sslSocketFactory(context.getSocketFactory(), (X509TrustManager) managers[0]);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use CA file " + caFile + ": " + e.getMessage(), e);
        }
    }
}

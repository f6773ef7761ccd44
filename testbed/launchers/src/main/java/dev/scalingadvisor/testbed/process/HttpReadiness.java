package dev.scalingadvisor.testbed.process;

import java.time.Duration;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Readiness checks that ask a starting server over HTTP. */
public final class HttpReadiness {

    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .retryOnConnectionFailure(false)
            .build();

    private HttpReadiness() {}

    /** Ready when {@code GET url} answers 2xx. */
    public static ReadinessCheck answersOk(String url) {
        return answers(url, body -> true);
    }

    /** Ready when {@code GET url} answers 2xx and its body passes {@code bodyTest}. */
    public static ReadinessCheck answers(String url, Predicate<String> bodyTest) {
        return () -> {
            try (Response response =
                    CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
                ResponseBody body = response.body();
                return response.isSuccessful() && bodyTest.test(body == null ? "" : body.string());
            }
        };
    }
}

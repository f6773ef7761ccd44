package dev.scalingadvisor.advisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.secret.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The running daemon's JSON API, as the commands that talk to it ({@code decisions}, {@code pause}, {@code
 * resume}) call it: one request each, with the API token when one is configured, answers read as JSON.
 */
final class AdvisorApi {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = Json.mapper();

    private final HttpUrl base;
    private final Optional<Secret> token;
    private final OkHttpClient http;

    AdvisorApi(HttpUrl base, Optional<Secret> token) {
        this.base = base;
        this.token = token;
        this.http = new OkHttpClient.Builder()
                .callTimeout(Duration.ofSeconds(30))
                .retryOnConnectionFailure(false)
                .build();
    }

    /** An answer of the API: its status and JSON body (an object with {@code error} for a refusal). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The API's own explanation of a refusal, or the status when it gave none. */
        String error() {
            return body.path("error").asText("HTTP " + status);
        }
    }

    /** The daemon could not be reached or did not answer with JSON. */
    static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Answer get(String path, Map<String, String> query) throws Unreachable {
        return call(new Request.Builder().url(url(path, query)).get());
    }

    Answer post(String path, JsonNode body) throws Unreachable {
        return call(
                new Request.Builder().url(url(path, Map.of())).post(RequestBody.create(body.toString(), JSON_TYPE)));
    }

    Answer delete(String path, Map<String, String> query) throws Unreachable {
        return call(new Request.Builder().url(url(path, query)).delete());
    }

    String displayUrl() {
        return base.toString();
    }

    private HttpUrl url(String path, Map<String, String> query) {
        HttpUrl.Builder url = base.newBuilder().encodedPath(path);
        query.forEach(url::addQueryParameter);
        return url.build();
    }

    private Answer call(Request.Builder request) throws Unreachable {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t.reveal()));
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            JsonNode json;
            try {
                json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (IOException e) {
                json = JSON.createObjectNode().put("error", "HTTP " + response.code() + ": " + firstLine(text));
            }
            return new Answer(response.code(), json);
        } catch (IOException e) {
            throw new Unreachable(
                    "cannot reach the advisor at " + base + ": " + e.getMessage()
                            + ". Is it running? Give its address with --url, or its configuration with --config.",
                    e);
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}

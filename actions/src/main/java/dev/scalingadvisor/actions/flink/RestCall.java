package dev.scalingadvisor.actions.flink;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to Flink's REST API, exactly as it is sent: the client executes these, and a dry run logs
 * the same values instead, so what a dry run shows is what a real run does.
 *
 * @param path     the path under the cluster's REST URL, with the API version ({@code /v1/jobs/…})
 * @param jsonBody the JSON body, for calls that have one
 * @param upload   the jar file sent as multipart field {@code jarfile}, for {@code /jars/upload}
 */
public record RestCall(String method, String path, Optional<String> jsonBody, Optional<Path> upload) {

    public RestCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(jsonBody, "jsonBody");
        Objects.requireNonNull(upload, "upload");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a REST path starts with /: " + path);
        }
    }

    public static RestCall get(String path) {
        return new RestCall("GET", path, Optional.empty(), Optional.empty());
    }

    static RestCall withJson(String method, String path, String json) {
        return new RestCall(method, path, Optional.of(json), Optional.empty());
    }

    /** {@code POST /v1/jars/upload {jarfile=…}} or {@code PUT /v1/jobs/…/resource-requirements {…}}: one line for logs. */
    @Override
    public String toString() {
        return method + " " + path
                + jsonBody.map(body -> " " + body).orElse("")
                + upload.map(file -> " (multipart jarfile=" + file + ")").orElse("");
    }
}

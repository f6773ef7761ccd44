package dev.scalingadvisor.testbed.e2e.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the {@link WebhookSink} received: headers (names lower-cased), the raw body, the body as JSON
 * when it is JSON, and what the independent signature check made of it.
 */
public record ReceivedWebhook(
        Instant receivedAt,
        String method,
        String path,
        Map<String, List<String>> headers,
        byte[] body,
        JsonNode json,
        StandardWebhooks.SignatureCheck signature) {

    public ReceivedWebhook {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        body = body.clone();
        json = json == null ? MissingNode.getInstance() : json;
        Objects.requireNonNull(signature, "signature");
    }

    /** The raw body as received (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean signatureValid() {
        return signature == StandardWebhooks.SignatureCheck.VALID;
    }

    /** The event type: the payload's {@code type} (Standard Webhooks envelope), or a {@code kind} where that is used. */
    public Optional<String> type() {
        return firstText("/type", "/kind", "/data/type", "/data/kind");
    }

    /** The one line for people: {@code data.summary}, or a {@code summary} / {@code text} field wherever it is. */
    public Optional<String> summary() {
        return firstText("/data/summary", "/summary", "/data/text", "/text");
    }

    /** The text at the first of these JSON pointers that holds a non-blank value. */
    Optional<String> firstText(String... pointers) {
        for (String pointer : pointers) {
            JsonNode node = json.at(pointer);
            if (node.isValueNode() && !node.asText().isBlank()) {
                return Optional.of(node.asText());
            }
        }
        return Optional.empty();
    }

    // A record with an array component compares by identity; spell out what equality means here.
    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedWebhook that
                && receivedAt.equals(that.receivedAt)
                && method.equals(that.method)
                && path.equals(that.path)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body)
                && signature == that.signature;
    }

    @Override
    public int hashCode() {
        return Objects.hash(receivedAt, method, path, headers, Arrays.hashCode(body), signature);
    }

    @Override
    public String toString() {
        return "ReceivedWebhook[" + method + " " + path + " at " + receivedAt + ", signature " + signature + ", "
                + bodyText() + "]";
    }
}

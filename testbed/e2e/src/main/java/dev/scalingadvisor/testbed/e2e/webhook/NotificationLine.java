package dev.scalingadvisor.testbed.e2e.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one compact line the demo prints per notification. The only place that knows the payload's shape
 * ({@code docs/webhook.md}, version 1: {@code type}, {@code data.summary}, {@code data.steps[]}); anything else
 * is shown as compact JSON, so a payload change shows up as an odd line, never as a crash.
 */
public final class NotificationLine {

    private static final int MAX_JSON_CHARS = 200;

    private NotificationLine() {}

    /** E.g. {@code rescale-succeeded: [demo] Scaled up demo-orders 1 → 2 (steps: savepoint 2.1 s, submit 0.8 s)}. */
    public static String format(ReceivedWebhook webhook) {
        StringBuilder line = new StringBuilder(webhook.type().orElse("notification")).append(": ");
        line.append(webhook.summary().orElseGet(() -> compactJson(webhook)));
        String steps = steps(webhook.json().at("/data/steps"));
        if (!steps.isEmpty()) {
            line.append(" (steps: ").append(steps).append(')');
        }
        if (!webhook.signatureValid()) {
            line.append(" [signature ")
                    .append(webhook.signature().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(']');
        }
        return line.toString();
    }

    /** {@code savepoint 2.1 s, submit 0.8 s, running FAILED 30.0 s}: the rescale's steps with their durations. */
    static String steps(JsonNode steps) {
        if (!steps.isArray()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode step : steps) {
            StringBuilder part = new StringBuilder(step.path("name").asText("?"));
            if (step.path("succeeded").isBoolean() && !step.path("succeeded").asBoolean()) {
                part.append(" FAILED");
            }
            if (step.path("seconds").isNumber()) {
                part.append(String.format(
                        Locale.ROOT, " %.1f s", step.path("seconds").asDouble()));
            }
            parts.add(part.toString());
        }
        return String.join(", ", parts);
    }

    private static String compactJson(ReceivedWebhook webhook) {
        String text = webhook.json().isMissingNode()
                ? webhook.bodyText()
                : webhook.json().toString();
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_JSON_CHARS ? text : text.substring(0, MAX_JSON_CHARS - 1) + "…";
    }
}

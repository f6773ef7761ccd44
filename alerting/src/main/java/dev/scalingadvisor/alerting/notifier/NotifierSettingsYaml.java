package dev.scalingadvisor.alerting.notifier;

import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.ValueParsers;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one {@code notifiers[]} entry: {@code type}, {@code name}, {@code url | urlFile},
 * {@code secret | secretFile}, {@code headers}, {@code jobs}, {@code events}, {@code repeatInterval},
 * {@code sendResolved}, {@code timeout}.
 */
public final class NotifierSettingsYaml {

    private static final Duration DEFAULT_REPEAT = Duration.ofHours(4);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> RESERVED_HEADERS =
            Set.of("content-type", "content-length", "host", "webhook-id", "webhook-timestamp", "webhook-signature");

    private NotifierSettingsYaml() {}

    /**
     * What a configuration without a {@code notifiers} key gets: one console notifier named {@code log}, every event
     * into the advisor's own log, as {@code examples/advisor.yaml} shows. ({@code notifiers: []} means none.)
     */
    public static NotifierSettings defaultConsole() {
        return new NotifierSettings(
                NotifierType.CONSOLE,
                "log",
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                EnumSet.allOf(EventKind.class),
                DEFAULT_REPEAT,
                true,
                DEFAULT_TIMEOUT);
    }

    public static Optional<NotifierSettings> read(MappingReader entry) {
        Optional<NotifierType> type = entry.required("type", ValueParsers.oneOf(NotifierType.class));
        Optional<String> name = entry.required("name", ValueParsers.text());
        Optional<Secret> url = entry.secret("url");
        url.ifPresent(u -> {
            try {
                ValueParsers.secretHttpUrl().parse(u.reveal());
            } catch (IllegalArgumentException e) {
                entry.problem(entry.has("url") ? "url" : "urlFile", e.getMessage());
            }
        });
        Optional<Secret> secret = entry.secret("secret");
        secret.ifPresent(s -> checkSigningSecret(entry, s));
        Map<String, Secret> headers = entry.valueMap("headers", Secret::of);
        Optional<Pattern> jobs = entry.optional("jobs", ValueParsers.regex());
        Set<EventKind> events = entry.has("events")
                ? toSet(entry.valueList("events", ValueParsers.oneOf(EventKind.class)))
                : EnumSet.allOf(EventKind.class);
        Duration repeat = entry.optional(
                "repeatInterval", ValueParsers.duration(Duration.ZERO, Duration.ofDays(30)), DEFAULT_REPEAT);
        boolean sendResolved = entry.optional("sendResolved", ValueParsers.bool(), true);
        Duration timeout = entry.optional(
                "timeout", ValueParsers.duration(Duration.ofMillis(100), Duration.ofMinutes(5)), DEFAULT_TIMEOUT);
        entry.finish();
        if (type.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        NotifierType t = type.get();
        if (t != NotifierType.CONSOLE && url.isEmpty()) {
            if (!entry.has("url") && !entry.has("urlFile")) {
                entry.problem("url", "required for a " + Spelling.of(t) + " notifier (or urlFile)");
            }
            return Optional.empty();
        }
        if (t == NotifierType.CONSOLE && (entry.has("url") || entry.has("urlFile"))) {
            entry.problem("url", "a console notifier has no url");
        }
        if (t == NotifierType.WEBHOOK && secret.isEmpty() && !entry.has("secret") && !entry.has("secretFile")) {
            entry.problem(
                    "secret",
                    "required for a webhook notifier (or secretFile): receivers verify the signature with it");
        }
        if (t == NotifierType.CONSOLE && !headers.isEmpty()) {
            entry.problem("headers", "a console notifier sends no requests");
        }
        headers.keySet().stream()
                .filter(h -> RESERVED_HEADERS.contains(h.toLowerCase(Locale.ROOT)))
                .forEach(h -> entry.problem(
                        "headers", "\"" + h + "\" is set by the advisor itself (signature and body); leave it out"));
        if (t != NotifierType.WEBHOOK && (entry.has("secret") || entry.has("secretFile"))) {
            entry.problem(entry.has("secret") ? "secret" : "secretFile", "only webhook notifiers are signed");
        }
        return entry.build(() ->
                new NotifierSettings(t, name.get(), url, secret, headers, jobs, events, repeat, sendResolved, timeout));
    }

    /** A Standard Webhooks secret is {@code whsec_} followed by base64 of at least 24 bytes. */
    private static void checkSigningSecret(MappingReader entry, Secret secret) {
        String key = entry.has("secret") ? "secret" : "secretFile";
        String value = secret.reveal();
        if (!value.startsWith("whsec_")) {
            entry.problem(key, "a signing secret starts with \"whsec_\" followed by base64 (value not shown)");
            return;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value.substring("whsec_".length()));
            if (bytes.length < 24) {
                entry.problem(key, "the signing secret is too short: " + bytes.length + " bytes, at least 24 needed");
            }
        } catch (IllegalArgumentException e) {
            entry.problem(key, "the part after \"whsec_\" is not valid base64 (value not shown)");
        }
    }

    private static Set<EventKind> toSet(List<EventKind> kinds) {
        return kinds.isEmpty() ? EnumSet.noneOf(EventKind.class) : EnumSet.copyOf(kinds);
    }
}

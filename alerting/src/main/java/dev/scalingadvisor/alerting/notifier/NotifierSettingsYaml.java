package dev.scalingadvisor.alerting.notifier;

import static dev.scalingadvisor.alerting.notifier.NotifierSettings.HEADERS;
import static dev.scalingadvisor.alerting.notifier.NotifierSettings.SIGNING_SECRET;
import static dev.scalingadvisor.alerting.notifier.NotifierSettings.TYPE;
import static dev.scalingadvisor.alerting.notifier.NotifierSettings.URL;

import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.core.yaml.MappingReader;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one {@code notifiers[]} entry (its keys are declared in {@link NotifierSettings}) and checks what one
 * key cannot check alone: which keys each type needs, takes or refuses.
 */
public final class NotifierSettingsYaml {

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESERVED_HEADERS =
            Set.of("content-type", "content-length", "host", "webhook-id", "webhook-timestamp", "webhook-signature");

    private static final Section<NotifierSettings> CHECKED =
            NotifierSettings.SECTION.checkedBy(NotifierSettingsYaml::fits);

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
                NotifierSettings.REPEAT_INTERVAL.defaultValue(),
                NotifierSettings.SEND_RESOLVED.defaultValue(),
                NotifierSettings.TIMEOUT.defaultValue());
    }

    /** Reads and finishes {@code entry}. */
    public static Optional<NotifierSettings> read(MappingReader entry) {
        Optional<NotifierSettings> settings = CHECKED.readAlone(entry);
        entry.finish();
        return settings;
    }

    private static boolean fits(Section.Values<NotifierSettings> values, MappingReader entry) {
        NotifierType type = values.get(TYPE);
        boolean urlWritten = written(entry, URL.key());
        boolean secretWritten = written(entry, SIGNING_SECRET.key());
        if (type != NotifierType.CONSOLE && values.get(URL).isEmpty()) {
            if (!urlWritten) {
                entry.problem(URL.key(), "required for a " + Spelling.of(type) + " notifier (or urlFile)");
            }
            return false;
        }
        boolean fits = true;
        if (type == NotifierType.CONSOLE && urlWritten) {
            fits = refuse(entry, URL.key(), "a console notifier has no url");
        }
        if (type == NotifierType.WEBHOOK && !secretWritten) {
            fits = refuse(
                    entry,
                    SIGNING_SECRET.key(),
                    "required for a webhook notifier (or secretFile): receivers verify the signature with it");
        }
        if (type == NotifierType.CONSOLE && !values.get(HEADERS).isEmpty()) {
            fits = refuse(entry, HEADERS.key(), "a console notifier sends no requests");
        }
        if (!values.get(HEADERS).isEmpty()) {
            Optional<MappingReader> headers = entry.mapping(HEADERS.key());
            for (Map.Entry<String, Secret> header : values.get(HEADERS).entrySet()) {
                if (headers.isPresent() && !checkHeader(headers.get(), header.getKey(), header.getValue())) {
                    fits = false;
                }
            }
        }
        for (String header : values.get(HEADERS).keySet()) {
            if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                fits = refuse(
                        entry,
                        HEADERS.key(),
                        "\"" + header + "\" is set by the advisor itself (signature and body); leave it out");
            }
        }
        if (type != NotifierType.WEBHOOK && secretWritten) {
            String key = entry.has(SIGNING_SECRET.key()) ? SIGNING_SECRET.key() : SIGNING_SECRET.key() + "File";
            fits = refuse(entry, key, "only webhook notifiers are signed");
        }
        return fits;
    }

    /**
     * A header name is an HTTP token and a value holds no control character but tab (RFC 9110, 5.1 and 5.5): a
     * newline would end the header early (or be refused by OkHttp on every delivery, its message carrying the value).
     * Refused at load, so {@code check} reports it, located at the header; the value is never shown.
     */
    private static boolean checkHeader(MappingReader headers, String name, Secret value) {
        boolean fits = true;
        if (!HEADER_NAME.matcher(name).matches()) {
            fits = refuse(
                    headers,
                    name,
                    "\"" + printable(name) + "\" is not a header name (letters, digits and !#$%&'*+-.^_`|~)");
        }
        if (value.reveal().chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
            fits = refuse(
                    headers,
                    name,
                    "the value of \"" + printable(name)
                            + "\" holds a control character (a line break?); value not shown");
        }
        return fits;
    }

    /** {@code text} with control characters escaped, safe to put in one line of a message. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : (char) c));
        return out.toString();
    }

    private static boolean written(MappingReader entry, String secretKey) {
        return entry.has(secretKey) || entry.has(secretKey + "File");
    }

    private static boolean refuse(MappingReader entry, String key, String message) {
        entry.problem(key, message);
        return false;
    }
}

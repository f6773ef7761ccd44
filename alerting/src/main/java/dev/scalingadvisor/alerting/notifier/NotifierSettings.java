package dev.scalingadvisor.alerting.notifier;

import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.core.yaml.ValueParser;
import dev.scalingadvisor.core.yaml.ValueParsers;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code notifiers[]} entry: where notifications go and which of them. Its keys are declared once, below;
 * {@link NotifierSettingsYaml} reads them and checks how they fit together.
 *
 * @param url            the destination; a secret because webhook URLs embed their key (only the host is ever shown).
 *                       For Alertmanager its base URL ({@code /api/v2/alerts} is added)
 * @param signingSecret  the Standard Webhooks secret ({@code whsec_…}), webhook only
 * @param headers        static headers sent with every request (values are secrets: they are usually tokens)
 * @param jobs           only jobs whose name fully matches this regular expression; empty is every job
 * @param events         which event kinds to send
 * @param repeatInterval the same recommendation for the same job is not sent again sooner, unless its target changes;
 *                       Alertmanager notifiers re-post at least every minute while it holds, Alertmanager repeats itself
 * @param sendResolved   whether to send {@link EventKind#RECOMMENDATION_RESOLVED}
 * @param timeout        for one delivery attempt
 */
public record NotifierSettings(
        NotifierType type,
        String name,
        Optional<Secret> url,
        Optional<Secret> signingSecret,
        Map<String, Secret> headers,
        Optional<JobNamePattern> jobs,
        Set<EventKind> events,
        Duration repeatInterval,
        boolean sendResolved,
        Duration timeout) {

    public static final Option<NotifierSettings, NotifierType> TYPE = Option.required(
                    "type", NotifierSettings::type, ValueParsers.oneOf(NotifierType.class))
            .means("where notifications go");
    public static final Option<NotifierSettings, String> NAME = Option.required(
                    "name", NotifierSettings::name, ValueParsers.text())
            .means("how the notifier is called in logs and metrics; unique");
    public static final Option<NotifierSettings, Optional<Secret>> URL = Option.secret(
                    "url", NotifierSettings::url, ValueParsers.secretHttpUrl(), "required, except for console")
            .means("the destination (a secret: webhook URLs embed their key; only the host is ever shown); for"
                    + " Alertmanager its base URL");
    public static final Option<NotifierSettings, Optional<Secret>> SIGNING_SECRET = Option.secret(
                    "secret", NotifierSettings::signingSecret, standardWebhooksSecret(), "required for webhook")
            .means("webhook: the Standard Webhooks signing secret, `whsec_` followed by base64 of 24 bytes or more");
    public static final Option<NotifierSettings, Map<String, Secret>> HEADERS = Option.valueMap(
                    "headers",
                    NotifierSettings::headers,
                    ValueParser.described("secret text", header -> "<secret>", Secret::of))
            .means("headers sent with every request (values are secrets: usually tokens)");
    public static final Option<NotifierSettings, Optional<JobNamePattern>> JOBS = Option.optional(
                    "jobs", NotifierSettings::jobs, ValueParsers.jobNamePattern(), "every job")
            .means("only jobs whose whole name matches this regular expression (RE2 syntax, as PromQL's `=~`)");
    public static final Option<NotifierSettings, List<EventKind>> EVENTS = Option.list(
                    "events",
                    (NotifierSettings s) -> EnumSet.copyOf(s.events()).stream().toList(),
                    ValueParsers.oneOf(EventKind.class),
                    List.of(EventKind.values()))
            .means("which kinds of event to send");
    public static final Option<NotifierSettings, Duration> REPEAT_INTERVAL = Option.duration(
                    "repeatInterval", NotifierSettings::repeatInterval, "0s", "30d", "4h")
            .means("the same recommendation for the same job is not sent again sooner, unless its target changes");
    public static final Option<NotifierSettings, Boolean> SEND_RESOLVED = Option.flag(
                    "sendResolved", NotifierSettings::sendResolved, true)
            .means("whether to say when a recommendation no longer holds");
    public static final Option<NotifierSettings, Duration> TIMEOUT = Option.duration(
                    "timeout", NotifierSettings::timeout, "100ms", "5m", "10s")
            .means("how long one delivery attempt may take");

    /** The keys of a notifier; {@link NotifierSettingsYaml#read} also checks how they fit together. */
    public static final Section<NotifierSettings> SECTION = Section.of(
            "Where notifications go and which of them. Slack, webhook (signed per Standard Webhooks, see"
                    + " docs/webhook.md), Alertmanager, or the advisor's own log.",
            v -> new NotifierSettings(
                    v.get(TYPE),
                    v.get(NAME),
                    v.get(URL),
                    v.get(SIGNING_SECRET),
                    v.get(HEADERS),
                    v.get(JOBS),
                    kinds(v.get(EVENTS)),
                    v.get(REPEAT_INTERVAL),
                    v.get(SEND_RESOLVED),
                    v.get(TIMEOUT)),
            TYPE,
            NAME,
            URL,
            SIGNING_SECRET,
            HEADERS,
            JOBS,
            EVENTS,
            REPEAT_INTERVAL,
            SEND_RESOLVED,
            TIMEOUT);

    public NotifierSettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(repeatInterval, "repeatInterval");
        Objects.requireNonNull(timeout, "timeout");
        headers = Map.copyOf(headers);
        events = Set.copyOf(events);
        if (type != NotifierType.CONSOLE && url.isEmpty()) {
            throw new IllegalArgumentException("a " + Spelling.of(type) + " notifier needs a url");
        }
    }

    /** Where notifications go, as it may be shown: scheme, host and port, never the path or query that hold keys. */
    public String displayDestination() {
        return url.map(u -> {
                    URI uri = URI.create(u.reveal());
                    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
                })
                .orElse("log");
    }

    /** A Standard Webhooks secret is {@code whsec_} followed by base64 of at least 24 bytes; messages never show it. */
    private static ValueParser<String> standardWebhooksSecret() {
        return ValueParser.described("secret", secret -> "<secret>", value -> {
            if (!value.startsWith("whsec_")) {
                throw new IllegalArgumentException(
                        "a signing secret starts with \"whsec_\" followed by base64 (value not shown)");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(value.substring("whsec_".length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the part after \"whsec_\" is not valid base64 (value not shown)");
            }
            if (bytes.length < 24) {
                throw new IllegalArgumentException(
                        "the signing secret is too short: " + bytes.length + " bytes, at least 24 needed");
            }
            return value;
        });
    }

    private static Set<EventKind> kinds(List<EventKind> kinds) {
        return kinds.isEmpty() ? EnumSet.noneOf(EventKind.class) : EnumSet.copyOf(kinds);
    }

    /** Whether this notifier wants events about the job with this name. */
    public boolean acceptsJob(String jobName) {
        return jobs.map(p -> p.matches(jobName)).orElse(true);
    }
}

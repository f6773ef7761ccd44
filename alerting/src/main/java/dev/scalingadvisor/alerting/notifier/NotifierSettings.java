package dev.scalingadvisor.alerting.notifier;

import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.text.Spelling;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code notifiers[]} entry: where notifications go and which of them.
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
        Optional<Pattern> jobs,
        Set<EventKind> events,
        Duration repeatInterval,
        boolean sendResolved,
        Duration timeout) {

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

    /** Whether this notifier wants events about the job with this name. */
    public boolean acceptsJob(String jobName) {
        return jobs.map(p -> p.matcher(jobName).matches()).orElse(true);
    }
}

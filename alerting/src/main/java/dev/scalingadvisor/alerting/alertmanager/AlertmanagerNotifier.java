package dev.scalingadvisor.alerting.alertmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.EventText;
import dev.scalingadvisor.alerting.FiredRule;
import dev.scalingadvisor.alerting.notifier.DeliveryOutcome;
import dev.scalingadvisor.alerting.notifier.HttpDelivery;
import dev.scalingadvisor.alerting.notifier.Notifier;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.text.Spelling;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Posts open recommendations, refusals, failures and findings as alerts to Alertmanager's
 * {@code /api/v2/alerts}, so teams route them with their own receivers, silences and inhibitions. An
 * alert is re-posted while the advisor keeps publishing it ({@link #REPOST_INTERVAL}) and ends at once
 * when its recommendation resolves; one the advisor stops publishing ends by itself after {@link #HOLD}.
 */
public final class AlertmanagerNotifier implements Notifier {

    /**
     * How often an alert that still holds is posted again. Alertmanager resolves an alert whose
     * {@code endsAt} passes, so this must stay well inside {@link #HOLD}; repeats to people are
     * Alertmanager's own {@code repeat_interval}, not ours.
     */
    public static final Duration REPOST_INTERVAL = Duration.ofMinutes(1);

    /** {@code endsAt} of a condition that holds: four re-posts away, as Prometheus does for its alerts. */
    public static final Duration HOLD = REPOST_INTERVAL.multipliedBy(4);

    private static final Set<EventKind> ALERTS = EnumSet.of(
            EventKind.RECOMMENDATION,
            EventKind.RECOMMENDATION_RESOLVED,
            EventKind.RESCALE_BLOCKED,
            EventKind.RESCALE_FAILED,
            EventKind.ROLLED_BACK,
            EventKind.FINDING);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final HttpDelivery http;
    private final Clock clock;
    private final Duration failureHold;
    /** The labels last posted per dedup key, so a resolution or a changed direction ends exactly that alert. */
    private final Map<String, Map<String, String>> openAlerts = new ConcurrentHashMap<>();

    public AlertmanagerNotifier(NotifierSettings settings, OkHttpClient client, Clock clock) {
        HttpUrl base = HttpDelivery.parseSecretUrl(settings.url().orElseThrow(), settings.name());
        this.http = HttpDelivery.forNotifier(settings, alertsEndpoint(base), client, clock);
        this.clock = clock;
        // A failed rescale is a one-off: it stays an alert for the notifier's repeat interval, then ends by itself.
        this.failureHold = settings.repeatInterval().compareTo(HOLD) > 0 ? settings.repeatInterval() : HOLD;
    }

    /** The url may be Alertmanager's base URL (the usual) or already point at the alerts endpoint. */
    static HttpUrl alertsEndpoint(HttpUrl base) {
        if (base.encodedPath().endsWith("/api/v2/alerts")) {
            return base;
        }
        HttpUrl.Builder builder = base.newBuilder();
        if (base.pathSegments().get(base.pathSize() - 1).isEmpty()) {
            builder.removePathSegment(base.pathSize() - 1);
        }
        return builder.addPathSegments("api/v2/alerts").build();
    }

    @Override
    public boolean expresses(EventKind kind) {
        return ALERTS.contains(kind);
    }

    @Override
    public DeliveryOutcome deliver(Event event) {
        Instant now = clock.instant();
        Instant startsAt = event.at().isBefore(now) ? event.at() : now;
        ArrayNode alerts = JSON.arrayNode();
        Map<String, String> labels = labels(event);
        Map<String, String> previous = openAlerts.get(event.dedupKey());
        if (event.kind() == EventKind.RECOMMENDATION_RESOLVED) {
            alerts.add(alert(event, previous != null ? previous : labels, startsAt, now));
        } else {
            if (previous != null && !previous.equals(labels)) {
                // Same condition, new labels (the direction turned): end the old alert, or it would linger.
                alerts.add(alert(event, previous, startsAt, now));
            }
            alerts.add(alert(event, labels, startsAt, now.plus(hold(event.kind()))));
        }
        DeliveryOutcome outcome = http.postJson(alerts.toString(), Map.of());
        if (outcome instanceof DeliveryOutcome.Sent) {
            if (event.kind() == EventKind.RECOMMENDATION_RESOLVED) {
                openAlerts.remove(event.dedupKey());
            } else {
                openAlerts.put(event.dedupKey(), labels);
            }
        }
        return outcome;
    }

    private Duration hold(EventKind kind) {
        return kind == EventKind.RESCALE_FAILED || kind == EventKind.ROLLED_BACK ? failureHold : HOLD;
    }

    static Map<String, String> labels(Event event) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertName(event.kind()));
        labels.put("cluster", event.clusterSpelling());
        labels.put("job_name", event.jobName());
        labels.put("job_id", event.jobId().value());
        labels.put("direction", event.direction().spelling());
        labels.put("severity", Spelling.of(event.severity()));
        return labels;
    }

    static String alertName(EventKind kind) {
        return switch (kind) {
            case RECOMMENDATION, RECOMMENDATION_RESOLVED -> "FlinkScalingRecommendation";
            case RESCALE_BLOCKED -> "FlinkRescaleBlocked";
            case RESCALE_FAILED -> "FlinkRescaleFailed";
            case ROLLED_BACK -> "FlinkRescaleRolledBack";
            case FINDING -> "FlinkScalingFinding";
            case RESCALE_STARTED, RESCALE_SUCCEEDED ->
                throw new IllegalArgumentException(kind.spelling() + " is not an alert");
        };
    }

    private static ObjectNode alert(Event event, Map<String, String> labels, Instant startsAt, Instant endsAt) {
        ObjectNode alert = JSON.objectNode();
        ObjectNode labelNode = alert.putObject("labels");
        labels.forEach(labelNode::put);
        ObjectNode annotations = alert.putObject("annotations");
        annotations.put("summary", EventText.summary(event));
        annotations.put("explanation", String.join("\n", EventText.explanation(event)));
        annotations.put("links", links(event));
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt.toString());
        generatorUrl(event).ifPresent(url -> alert.put("generatorURL", url.toString()));
        return alert;
    }

    private static String links(Event event) {
        StringBuilder links = new StringBuilder();
        event.flinkJobUrl().ifPresent(url -> links.append("Flink web UI: ").append(url));
        for (FiredRule rule : event.rules()) {
            rule.graphUrl()
                    .ifPresent(url -> links.append(links.length() == 0 ? "" : "\n")
                            .append(rule.name())
                            .append(rule.vertex().map(v -> " on " + v).orElse(""))
                            .append(": ")
                            .append(url));
        }
        return links.toString();
    }

    /** Where Alertmanager's "Source" button leads: the first rule's graph, as Prometheus does, else the job. */
    private static Optional<URI> generatorUrl(Event event) {
        return event.rules().stream()
                .flatMap(r -> r.graphUrl().stream())
                .findFirst()
                .or(event::flinkJobUrl);
    }
}

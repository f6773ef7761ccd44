package dev.scalingadvisor.alerting.webhook;

import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.notifier.DeliveryOutcome;
import dev.scalingadvisor.alerting.notifier.HttpDelivery;
import dev.scalingadvisor.alerting.notifier.Notifier;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import java.time.Clock;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * Posts events as the versioned JSON of {@link WebhookPayload}, signed per Standard Webhooks
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}).
 */
public final class WebhookNotifier implements Notifier {

    private final HttpDelivery http;
    private final WebhookSignature signature;
    private final Clock clock;

    public WebhookNotifier(NotifierSettings settings, OkHttpClient client, Clock clock) {
        this.http = HttpDelivery.forNotifier(settings, client, clock);
        this.signature = new WebhookSignature(settings.signingSecret()
                .orElseThrow(() -> new IllegalArgumentException(
                        "webhook notifier " + settings.name() + " needs a signing secret")));
        this.clock = clock;
    }

    @Override
    public DeliveryOutcome deliver(Event event) {
        String body = WebhookPayload.of(event).toString();
        // The id stays the same on every retry so receivers can drop duplicates; the timestamp is the
        // attempt's, so a retry minutes later still passes a receiver's freshness check.
        long timestamp = clock.instant().getEpochSecond();
        return http.postJson(
                body,
                Map.of(
                        "webhook-id", event.id(),
                        "webhook-timestamp", Long.toString(timestamp),
                        "webhook-signature", signature.sign(event.id(), timestamp, body)));
    }
}

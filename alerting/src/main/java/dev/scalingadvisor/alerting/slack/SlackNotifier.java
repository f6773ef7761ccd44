package dev.scalingadvisor.alerting.slack;

import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.notifier.DeliveryOutcome;
import dev.scalingadvisor.alerting.notifier.HttpDelivery;
import dev.scalingadvisor.alerting.notifier.Notifier;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import java.time.Clock;
import java.util.Map;
import okhttp3.OkHttpClient;

/** Posts events to a Slack incoming webhook as Block Kit messages ({@link SlackMessage}). */
public final class SlackNotifier implements Notifier {

    private final HttpDelivery http;

    public SlackNotifier(NotifierSettings settings, OkHttpClient client, Clock clock) {
        this.http = HttpDelivery.forNotifier(settings, client, clock);
    }

    @Override
    public DeliveryOutcome deliver(Event event) {
        return http.postJson(SlackMessage.render(event).toString(), Map.of());
    }
}

package dev.scalingadvisor.alerting.console;

import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.EventText;
import dev.scalingadvisor.alerting.notifier.DeliveryOutcome;
import dev.scalingadvisor.alerting.notifier.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events to the advisor's log, one line each with {@code key=value} fields first and the
 * readable summary last; for {@code observe} mode and the demo.
 */
public final class ConsoleNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger("notifications");

    private final String name;

    public ConsoleNotifier(String name) {
        this.name = name;
    }

    @Override
    public DeliveryOutcome deliver(Event event) {
        LOG.info("{}", line(name, event));
        return DeliveryOutcome.sent();
    }

    /** E.g. {@code notifier=log event=recommendation cluster=prod job=orders job_id=… direction=up from=4 to=6 | [prod] Scale up …}. */
    static String line(String notifierName, Event event) {
        StringBuilder line = new StringBuilder()
                .append("notifier=")
                .append(notifierName)
                .append(" event=")
                .append(event.kind().spelling())
                .append(" cluster=")
                .append(quoted(event.clusterSpelling()))
                .append(" job=")
                .append(quoted(event.jobName()))
                .append(" job_id=")
                .append(event.jobId().value())
                .append(" direction=")
                .append(event.direction().spelling());
        event.headline()
                .ifPresent(p ->
                        line.append(" from=").append(p.from()).append(" to=").append(p.to()));
        if (!event.rules().isEmpty()) {
            line.append(" rules=")
                    .append(String.join(
                            ",", event.rules().stream().map(r -> r.name()).toList()));
        }
        line.append(" | ").append(EventText.summary(event));
        return line.toString();
    }

    private static String quoted(String value) {
        return value.matches("[A-Za-z0-9_.:/-]+") ? value : '"' + value.replace("\"", "\\\"") + '"';
    }
}

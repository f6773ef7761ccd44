package dev.scalingadvisor.alerting.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.alerting.fixtures.LogCapture;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.alerting.notifier.DeliveryOutcome;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.outcome.EventKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleNotifierTest {

    @Test
    void writesOneLineWithFieldsFirstAndTheSummaryLast() {
        try (LogCapture log = new LogCapture()) {
            DeliveryOutcome outcome = new ConsoleNotifier("log").deliver(SampleEvents.of(EventKind.RECOMMENDATION));

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Sent.class);
            assertThat(log.text())
                    .isEqualTo("INFO  notifications [main] - notifier=log event=recommendation cluster=prod-eu"
                            + " job=orders-enrichment job_id=3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f direction=up from=4 to=6"
                            + " rules=backpressure,busy-time | [prod-eu] Scale up orders-enrichment: 4 → 6 — backpressure on"
                            + " Enrich with customer profile 0.82 > 0.5 for 6m, +1 more rule\n");
        }
    }

    @Test
    void quotesAJobNameWithSpaces() {
        assertThat(ConsoleNotifier.line(
                        "log",
                        SampleEvents.base(EventKind.FINDING).finding("skew").build()))
                .contains("job=orders-enrichment")
                .contains("direction=none")
                .doesNotContain("from=");
        assertThat(ConsoleNotifier.line(
                        "log",
                        dev.scalingadvisor.alerting.Event.builder(
                                        EventKind.RECOMMENDATION,
                                        SampleEvents.AT,
                                        Optional.of(new ClusterName("prod")),
                                        SampleEvents.JOB_ID,
                                        "Orders \"EU\" enrichment")
                                .changes(SampleEvents.change(2, 3))
                                .build()))
                .contains("job=\"Orders \\\"EU\\\" enrichment\"");
    }
}

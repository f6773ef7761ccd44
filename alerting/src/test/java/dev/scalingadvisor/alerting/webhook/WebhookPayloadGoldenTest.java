package dev.scalingadvisor.alerting.webhook;

import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookPayloadGoldenTest {

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void rendersEachKindAsTheDocumentedPayload(EventKind kind) {
        Golden.assertMatches("webhook/" + kind.spelling() + ".json", WebhookPayload.of(SampleEvents.of(kind)));
    }
}

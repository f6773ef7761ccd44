package dev.scalingadvisor.alerting.slack;

import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SlackMessageGoldenTest {

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void rendersEachKindAsTheReviewedMessage(EventKind kind) {
        Golden.assertMatches("slack/" + kind.spelling() + ".json", SlackMessage.render(SampleEvents.of(kind)));
    }
}

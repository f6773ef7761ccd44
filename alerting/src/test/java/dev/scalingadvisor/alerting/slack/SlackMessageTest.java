package dev.scalingadvisor.alerting.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.alerting.Comparison;
import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.FiredRule;
import dev.scalingadvisor.alerting.RescaleStep;
import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    @Test
    void staysWithinSlackLimitsHoweverMuchThereIsToSay() {
        String longName = "orders-" + "x".repeat(400);
        Event.Builder builder = Event.builder(
                        EventKind.RESCALE_FAILED,
                        SampleEvents.AT,
                        Optional.of(new ClusterName("prod-eu")),
                        new JobId("abc"),
                        longName)
                .changes(new ParallelismChanges(IntStream.range(0, 600)
                        .mapToObj(i ->
                                new ParallelismChange(new VertexId("v" + i), "Vertex & <operator> number " + i, 4, 600))
                        .toList()));
        for (int i = 0; i < 600; i++) {
            builder.rule(FiredRule.of("rule-" + i, i, Comparison.ABOVE, 0.5, Duration.ofMinutes(6))
                    .onVertex("Vertex " + i));
            builder.guard("guard-" + i, i % 2 == 0, "reason " + "r".repeat(50));
            builder.step(RescaleStep.failed("step-" + i, Duration.ofSeconds(i), "detail " + "d".repeat(100)));
            builder.policyStep("step " + i, i, "detail " + "p".repeat(100));
        }

        ObjectNode message = SlackMessage.render(builder.build());

        assertThat(message.get("text").asText().length()).isLessThanOrEqualTo(3000);
        JsonNode blocks = message.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        String header = blocks.get(0).at("/text/text").asText();
        assertThat(header).hasSizeLessThanOrEqualTo(150).endsWith("…");
        for (JsonNode block : blocks) {
            switch (block.get("type").asText()) {
                case "section" -> assertThat(block.at("/text/text").asText()).hasSizeLessThanOrEqualTo(3000);
                case "context" ->
                    assertThat(block.at("/elements/0/text").asText()).hasSizeLessThanOrEqualTo(2000);
                default -> assertThat(block.get("type").asText()).isEqualTo("header");
            }
        }
        assertThat(sectionTexts(message))
                .anySatisfy(text -> assertThat(text).startsWith("*Steps").containsPattern("\n… and \\d+ more$"));
    }

    @Test
    void cutsALongFindingWithAnEllipsis() {
        ObjectNode message = SlackMessage.render(SampleEvents.base(EventKind.FINDING)
                .finding("skew ".repeat(2000))
                .build());

        assertThat(sectionTexts(message).get(0))
                .startsWith("*Finding*\nskew skew")
                .hasSize(3000)
                .endsWith("…");
    }

    @Test
    void escapesMarkupInNamesAndLeavesThePlainTextHeaderAsWritten() {
        Event event = Event.builder(
                        EventKind.RECOMMENDATION,
                        SampleEvents.AT,
                        Optional.of(new ClusterName("prod")),
                        new JobId("abc"),
                        "a<b>&c")
                .changes(SampleEvents.change(2, 3))
                .rule(FiredRule.of("lag<1h>", 5, Comparison.BELOW, 10, Duration.ofMinutes(1)))
                .build();

        ObjectNode message = SlackMessage.render(event);

        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("⬆️ Scale up a<b>&c: 2 → 3");
        assertThat(message.get("text").asText()).contains("a&lt;b&gt;&amp;c").doesNotContain("<b>");
        assertThat(sectionTexts(message).get(0)).contains("*lag&lt;1h&gt;*: *5* &lt; 10 for 1m");
    }

    @Test
    void leavesOutAGraphLinkTooLongToRender() {
        URI huge = URI.create("http://prometheus:9090/graph?g0.expr=" + "a".repeat(2000));
        Event event = SampleEvents.base(EventKind.RECOMMENDATION)
                .changes(SampleEvents.change(2, 3))
                .rule(FiredRule.of("lag", 5, Comparison.ABOVE, 1, Duration.ofMinutes(1))
                        .withExpression("a", huge))
                .build();

        assertThat(sectionTexts(SlackMessage.render(event)).get(0)).isEqualTo("*Why*\n• *lag*: *5* &gt; 1 for 1m");
    }

    @Test
    void listsVerticesOnlyWhenTheyDoNotAllMoveLikeTheJob() {
        Event uniform = SampleEvents.base(EventKind.RECOMMENDATION)
                .changes(ParallelismChanges.of(
                        new ParallelismChange(new VertexId("a"), "Source", 4, 6),
                        new ParallelismChange(new VertexId("b"), "Sink", 4, 6)))
                .build();

        assertThat(sectionTexts(SlackMessage.render(uniform))).noneMatch(t -> t.startsWith("*Vertices*"));
        assertThat(sectionTexts(SlackMessage.render(SampleEvents.of(EventKind.RECOMMENDATION))))
                .contains(
                        "*Vertices*\n• Source: Kafka orders stays at 4\n• Enrich with customer profile 4 → 6\n• Sink: Kafka enriched-orders 4 → 6");
    }

    @Test
    void putsTheRefusingGuardFirst() {
        assertThat(sectionTexts(SlackMessage.render(SampleEvents.of(EventKind.RESCALE_BLOCKED)))
                        .get(0))
                .startsWith("*Guards*\n⛔ *checkpoint-healthy*");
    }

    @Test
    void tellsTheReaderARecommendationChangedNothing() {
        assertThat(SlackMessage.render(SampleEvents.of(EventKind.RECOMMENDATION))
                        .at("/blocks")
                        .findValuesAsText("text"))
                .anyMatch(t -> t.endsWith("recommendation only: nothing was changed"));
    }

    private static List<String> sectionTexts(ObjectNode message) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : message.get("blocks")) {
            if (block.get("type").asText().equals("section")) {
                texts.add(block.at("/text/text").asText());
            }
        }
        return texts;
    }
}

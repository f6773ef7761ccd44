package dev.scalingadvisor.alerting.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.EventText;
import dev.scalingadvisor.alerting.FiredRule;
import dev.scalingadvisor.alerting.GuardResult;
import dev.scalingadvisor.alerting.PolicyStep;
import dev.scalingadvisor.alerting.RescaleStep;
import dev.scalingadvisor.core.scaling.Direction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An event as a Slack Block Kit message: an emoji headline, short sections of bullet lines (why, target,
 * vertices, guards, steps), a context line with cluster, job and links, and a plain-text fallback for
 * notifications. Stays within Slack's limits by cutting text, never by failing.
 */
public final class SlackMessage {

    // Slack's documented Block Kit limits.
    static final int MAX_BLOCKS = 50;
    static final int MAX_HEADER = 150;
    static final int MAX_SECTION = 3000;
    static final int MAX_CONTEXT_TEXT = 2000;
    /** Slack truncates top-level text past 40,000 characters and advises staying under 4,000. */
    static final int MAX_FALLBACK = 3000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SlackMessage() {}

    /** The message body an incoming webhook takes. */
    public static ObjectNode render(Event event) {
        ObjectNode message = JSON.objectNode();
        message.put("text", fallback(event));
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(header(emoji(event) + " " + EventText.headline(event)));
        for (String section : sections(event)) {
            blocks.add(section(section));
        }
        blocks.add(context(event));
        while (blocks.size() > MAX_BLOCKS) {
            blocks.remove(blocks.size() - 2);
        }
        return message;
    }

    /** What a phone's notification shows: emoji, cluster, headline and the main reason. */
    public static String fallback(Event event) {
        return SlackText.truncateMrkdwn(SlackText.escape(emoji(event) + " " + EventText.summary(event)), MAX_FALLBACK);
    }

    static String emoji(Event event) {
        return switch (event.kind()) {
            case RECOMMENDATION ->
                event.direction() == Direction.UP ? "⬆️" : event.direction() == Direction.DOWN ? "⬇️" : "🔀";
            case RECOMMENDATION_RESOLVED -> "☑️";
            case RESCALE_STARTED -> "🔄";
            case RESCALE_SUCCEEDED -> "✅";
            case RESCALE_BLOCKED -> "⛔";
            case RESCALE_FAILED -> "❌";
            case ROLLED_BACK -> "↩️";
            case FINDING -> "🔎";
        };
    }

    /** The sections each kind shows, most telling first; empty ones are left out. */
    private static List<String> sections(Event event) {
        List<Optional<String>> sections = switch (event.kind()) {
            case RECOMMENDATION, RESCALE_STARTED -> List.of(why(event), target(event), vertices(event), guards(event));
            case RECOMMENDATION_RESOLVED ->
                List.of(Optional.of(
                        "The conditions behind this recommendation cleared before anyone acted. Nothing to do."));
            case RESCALE_SUCCEEDED -> List.of(steps(event), vertices(event), why(event));
            case RESCALE_BLOCKED -> List.of(guards(event), why(event), target(event));
            case RESCALE_FAILED, ROLLED_BACK -> List.of(steps(event), why(event), guards(event));
            case FINDING -> List.of(finding(event), why(event));
        };
        return sections.stream().flatMap(Optional::stream).toList();
    }

    private static Optional<String> why(Event event) {
        return titled("Why", event.rules().stream().map(SlackMessage::rule).toList());
    }

    private static String rule(FiredRule rule) {
        String unit = rule.unit().map(u -> " " + u).orElse("");
        String line = "• *" + SlackText.escape(rule.name()) + "*"
                + rule.vertex().map(v -> " on " + SlackText.escape(v)).orElse("")
                + ": *" + EventText.number(rule.value()) + SlackText.escape(unit) + "* "
                + SlackText.escape(rule.comparison().operator()) + " " + EventText.number(rule.threshold())
                + SlackText.escape(unit)
                + " for " + EventText.duration(rule.heldFor());
        return line
                + rule.graphUrl()
                        .flatMap(url -> SlackText.link(url, "graph"))
                        .map(l -> " · " + l)
                        .orElse("");
    }

    private static Optional<String> target(Event event) {
        return titled(
                "Target", event.policy().stream().map(SlackMessage::policyStep).toList());
    }

    private static String policyStep(PolicyStep step) {
        return "• " + SlackText.escape(step.step()) + " *" + EventText.number(step.parallelism()) + "*"
                + (step.detail().isBlank() ? "" : ": " + SlackText.escape(step.detail()));
    }

    /** Left out when every vertex moves like the job: on a phone that would be three lines saying nothing new. */
    private static Optional<String> vertices(Event event) {
        return titled(
                "Vertices",
                event.changes()
                        .filter(p -> p.vertices().stream()
                                .anyMatch(v -> v.from() != p.headline().from()
                                        || v.to() != p.headline().to()))
                        .map(p -> p.vertices().stream()
                                .map(v -> "• " + SlackText.escape(v.toString()))
                                .toList())
                        .orElse(List.of()));
    }

    private static Optional<String> guards(Event event) {
        // Refusals first: on a phone the reason it was blocked is what matters.
        return titled(
                "Guards",
                event.guards().stream()
                        .sorted(Comparator.comparing(GuardResult::passed))
                        .map(g -> (g.passed() ? "✅ " : "⛔ ") + "*" + SlackText.escape(g.name()) + "*: "
                                + SlackText.escape(g.reason()))
                        .toList());
    }

    private static Optional<String> steps(Event event) {
        if (event.steps().isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        for (RescaleStep step : event.steps()) {
            lines.add((step.succeeded() ? "✅ " : "❌ ") + SlackText.escape(EventText.step(step)));
        }
        return titled("Steps (" + EventText.stepDuration(EventText.totalTime(event)) + " in all)", lines);
    }

    private static Optional<String> finding(Event event) {
        return event.finding()
                .map(f -> SlackText.truncateMrkdwn("*Finding*\n" + SlackText.escape(f.strip()), MAX_SECTION));
    }

    /**
     * {@code *Title*} and one line per item; past the section limit, whole lines are left out and counted
     * ({@code … and 12 more}), and a single line too long on its own is cut.
     */
    static Optional<String> titled(String title, List<String> lines) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("*").append(title).append("*");
        for (int i = 0; i < lines.size(); i++) {
            String line = "\n" + lines.get(i);
            String more = "\n" + SlackText.ELLIPSIS + " and " + (lines.size() - i) + " more";
            int room = MAX_SECTION - text.length() - (i == lines.size() - 1 ? 0 : more.length());
            if (line.length() <= room) {
                text.append(line);
            } else if (i == 0) {
                text.append(SlackText.truncateMrkdwn(line, room));
            } else {
                text.append(more);
                break;
            }
        }
        return Optional.of(text.toString());
    }

    private static ObjectNode header(String text) {
        ObjectNode block = JSON.objectNode().put("type", "header");
        block.putObject("text")
                .put("type", "plain_text")
                .put("text", SlackText.truncate(text, MAX_HEADER))
                .put("emoji", true);
        return block;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode block = JSON.objectNode().put("type", "section");
        block.putObject("text").put("type", "mrkdwn").put("text", SlackText.truncateMrkdwn(mrkdwn, MAX_SECTION));
        return block;
    }

    private static ObjectNode context(Event event) {
        List<String> parts = new ArrayList<>();
        parts.add("*" + SlackText.escape(event.clusterSpelling()) + "*");
        parts.add("job `" + SlackText.escape(event.jobId().value()) + "`");
        event.flinkJobUrl().flatMap(url -> SlackText.link(url, "Flink web UI")).ifPresent(parts::add);
        // Slack shows this in the reader's own time zone; the text after | is for clients that cannot.
        parts.add("<!date^" + event.at().getEpochSecond() + "^{date_short_pretty} {time}|" + event.at() + ">");
        switch (event.kind()) {
            case RECOMMENDATION -> parts.add("recommendation only: nothing was changed");
            case RESCALE_BLOCKED -> parts.add("nothing was changed");
            case ROLLED_BACK -> event.headline().ifPresent(p -> parts.add("the job runs at " + p.from() + " again"));
            default -> {}
        }
        ObjectNode block = JSON.objectNode().put("type", "context");
        block.putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put("text", SlackText.truncateMrkdwn(String.join(" · ", parts), MAX_CONTEXT_TEXT));
        return block;
    }
}

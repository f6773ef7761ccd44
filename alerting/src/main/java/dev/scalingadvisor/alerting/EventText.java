package dev.scalingadvisor.alerting;

import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How an event reads in words, shared by every notifier so Slack, webhooks, Alertmanager and the log
 * say the same thing: a headline, a one-line reason, and the explanation line by line. Plain text; each
 * notifier adds its own markup and escaping.
 */
public final class EventText {

    private EventText() {}

    /** E.g. {@code Scale up orders-enrichment: 4 → 6}. */
    public static String headline(Event event) {
        String job = event.jobName();
        String change = event.headline().map(p -> p.from() + " → " + p.to()).orElse("");
        return switch (event.kind()) {
            case RECOMMENDATION -> verb(event.direction()) + " " + job + ": " + change;
            case RECOMMENDATION_RESOLVED ->
                "No longer needed: " + verb(event.direction()).toLowerCase(Locale.ROOT) + " " + job + " " + change;
            case RESCALE_STARTED -> "Rescaling " + job + ": " + change;
            case RESCALE_SUCCEEDED -> "Rescaled " + job + ": " + change;
            case RESCALE_BLOCKED -> "Rescale blocked: " + job + " " + change;
            case RESCALE_FAILED -> "Rescale failed: " + job + " " + change;
            case ROLLED_BACK ->
                event.headline()
                        .map(p -> "Rolled back " + job + " to " + p.from() + " after a failed rescale to " + p.to())
                        .orElseThrow();
            case FINDING -> job + ": scaling would not help";
        };
    }

    private static String verb(Direction direction) {
        return switch (direction) {
            case UP -> "Scale up";
            case DOWN -> "Scale down";
            case NONE -> "Rebalance";
        };
    }

    /** The main reason in one line, or empty when there is none to give. */
    public static String reason(Event event) {
        return switch (event.kind()) {
            case RECOMMENDATION, RESCALE_STARTED ->
                event.rules().isEmpty()
                        ? lastPolicyDetail(event)
                        : rule(event.rules().get(0)) + moreRules(event.rules().size() - 1);
            case RECOMMENDATION_RESOLVED -> "the conditions behind it cleared before anyone acted";
            case RESCALE_SUCCEEDED -> event.steps().isEmpty() ? "" : "done in " + stepDuration(totalTime(event));
            case RESCALE_BLOCKED ->
                event.guards().stream()
                        .filter(g -> !g.passed())
                        .findFirst()
                        .map(g -> g.name() + ": " + g.reason())
                        .orElse("");
            case RESCALE_FAILED, ROLLED_BACK ->
                firstFailedStep(event).map(EventText::failedStep).orElse("");
            case FINDING -> firstLine(event.finding().orElse(""));
        };
    }

    private static String moreRules(int more) {
        return more == 0 ? "" : more == 1 ? ", +1 more rule" : ", +" + more + " more rules";
    }

    /** {@code [cluster] headline — reason}: the line for a phone notification, an alert summary, a log line. */
    public static String summary(Event event) {
        String reason = reason(event);
        return "[" + event.clusterSpelling() + "] " + headline(event) + (reason.isEmpty() ? "" : " — " + reason);
    }

    /** E.g. {@code busy-time on Enrich 870 ms/s > 800 ms/s for 6m}. */
    public static String rule(FiredRule rule) {
        String unit = rule.unit().map(u -> " " + u).orElse("");
        return rule.name() + rule.vertex().map(v -> " on " + v).orElse("")
                + " " + number(rule.value()) + unit + " " + rule.comparison().operator() + " "
                + number(rule.threshold()) + unit
                + " for " + duration(rule.heldFor());
    }

    /** A duration as Prometheus writes it, to the second: {@code 6m}, {@code 1h30m}. */
    public static String duration(Duration duration) {
        return PrometheusDurations.format(duration.truncatedTo(ChronoUnit.SECONDS));
    }

    /** E.g. {@code raw target 5.33: 48,000 records/s at 9,000 per subtask}. */
    public static String policyStep(PolicyStep step) {
        return step.step() + " " + number(step.parallelism()) + (step.detail().isBlank() ? "" : ": " + step.detail());
    }

    /** E.g. {@code savepoint 12.4s} or {@code savepoint failed after 10m: timed out}. */
    public static String step(RescaleStep step) {
        return step.succeeded()
                ? step.name() + " " + stepDuration(step.took())
                        + step.detail().map(d -> " (" + d + ")").orElse("")
                : failedStep(step);
    }

    private static String failedStep(RescaleStep step) {
        return step.name() + " failed after " + stepDuration(step.took())
                + step.detail().map(d -> ": " + d).orElse("");
    }

    /** E.g. {@code passed checkpoint-healthy: last checkpoint 40s ago}. */
    public static String guard(GuardResult guard) {
        return (guard.passed() ? "passed " : "refused ") + guard.name() + ": " + guard.reason();
    }

    /** Everything behind the event as plain text lines, grouped under short titles; for alert annotations and logs. */
    public static List<String> explanation(Event event) {
        List<String> lines = new ArrayList<>();
        section(lines, "Why", event.rules().stream().map(EventText::rule).toList());
        event.finding().ifPresent(f -> section(lines, "Finding", f.lines().toList()));
        section(
                lines,
                "Target",
                event.policy().stream().map(EventText::policyStep).toList());
        section(
                lines,
                "Vertices",
                event.changes()
                        .map(p -> p.vertices().stream()
                                .map(ParallelismChange::toString)
                                .toList())
                        .orElse(List.of()));
        section(lines, "Guards", event.guards().stream().map(EventText::guard).toList());
        section(lines, "Steps", event.steps().stream().map(EventText::step).toList());
        return lines;
    }

    private static void section(List<String> lines, String title, List<String> items) {
        if (!items.isEmpty()) {
            lines.add(title + ":");
            items.forEach(item -> lines.add("- " + item));
        }
    }

    /**
     * A number as people read it: whole numbers from 100 up with thousands separators ({@code 48,000}),
     * smaller ones to three significant digits without trailing zeros ({@code 0.823}, {@code 5.33}, {@code 2}).
     */
    public static String number(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value)
                .round(new MathContext(3, RoundingMode.HALF_UP))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A step's duration: tenths of a second under a minute ({@code 12.4s}), whole seconds above ({@code 2m5s}). */
    public static String stepDuration(Duration took) {
        if (took.compareTo(Duration.ofMinutes(1)) < 0) {
            return String.format(Locale.ROOT, "%.1fs", took.toMillis() / 1000.0);
        }
        return PrometheusDurations.format(Duration.ofSeconds(Math.round(took.toMillis() / 1000.0)));
    }

    /** The sum of the rescale's step timings. */
    public static Duration totalTime(Event event) {
        return event.steps().stream().map(RescaleStep::took).reduce(Duration.ZERO, Duration::plus);
    }

    private static Optional<RescaleStep> firstFailedStep(Event event) {
        return event.steps().stream().filter(s -> !s.succeeded()).findFirst();
    }

    private static String lastPolicyDetail(Event event) {
        return event.policy().isEmpty()
                ? ""
                : policyStep(event.policy().get(event.policy().size() - 1));
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").strip();
    }
}

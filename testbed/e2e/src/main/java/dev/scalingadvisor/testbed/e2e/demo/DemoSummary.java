package dev.scalingadvisor.testbed.e2e.demo;

import dev.scalingadvisor.testbed.e2e.advisor.AdvisorDecision;
import dev.scalingadvisor.testbed.e2e.webhook.ReceivedWebhook;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The demo's verdict and its closing summary: the scale-up and scale-down Flink showed (with downtime) and the
 * advisor's matching history entries, what the advisor decided and notified, the state check and the cleanup.
 */
final class DemoSummary {

    private static final String LABEL = "  %-12s ";
    private static final String INDENT = " ".repeat(String.format(LABEL, "").length());

    private final DemoRecord record;
    private final boolean interrupted;
    private final RunDirectory runDir;

    DemoSummary(DemoRecord record, boolean interrupted, RunDirectory runDir) {
        this.record = record;
        this.interrupted = interrupted;
        this.runDir = runDir;
    }

    /** A scale-up and a scale-down, each seen in Flink and in the advisor's history, no state lost, nothing left running. */
    boolean passed() {
        return missing().isEmpty();
    }

    /** What the run did not show, in the order a reader would look for it. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (interrupted) {
            missing.add("interrupted before the end");
        }
        record.failure().ifPresent(e -> missing.add("failed: " + e.getMessage()));
        for (JobWatcher.Direction direction : List.of(JobWatcher.Direction.UP, JobWatcher.Direction.DOWN)) {
            String word = direction == JobWatcher.Direction.UP ? "scale-up" : "scale-down";
            if (seen(direction).isEmpty()) {
                missing.add("no " + word + " in Flink");
            } else if (advisorSucceeded(direction).isEmpty()) {
                missing.add("Flink showed a " + word + " but the advisor's history has no rescale-succeeded for it");
            }
        }
        if (!record.stateCheck().passed()) {
            missing.add("state check not passed");
        }
        if (!record.leftovers().isEmpty()) {
            missing.add(record.leftovers().size() + " process(es) left behind");
        }
        return missing;
    }

    void print(DemoConsole console) {
        console.heading("Summary");
        List<String> missing = missing();
        String result;
        if (interrupted) {
            result = "INTERRUPTED before the end (Ctrl-C or SIGTERM); what it showed until then is below";
        } else if (missing.isEmpty()) {
            result = "PASSED: the job was scaled up and back down, and no state was lost";
        } else {
            result = "NOT SHOWN: " + String.join("; ", missing);
        }
        line(console, "Result", result);
        rescaleLines(console, JobWatcher.Direction.UP, "Scale-up", "surge");
        rescaleLines(console, JobWatcher.Direction.DOWN, "Scale-down", "calm");
        record.rescales().stream()
                .filter(r -> r.rescale().direction() == JobWatcher.Direction.NONE
                        || r.rescale().direction() == JobWatcher.Direction.MIXED)
                .forEach(r -> line(
                        console,
                        "Other",
                        DemoConsole.clock(r.at()) + "  " + r.rescale().changes() + ", not running "
                                + Demo.seconds(r.rescale().downtime())));
        line(console, "Decisions", decisions());
        line(console, "Webhooks", webhooks());
        record.advisorReadiness().ifPresent(readiness -> line(console, "Advisor", readiness));
        line(console, "State check", stateCheck());
        line(console, "Cleanup", cleanup());
        line(
                console,
                "Run dir",
                runDir.root() + " (transcript demo.log, logs in logs/, advisor config and state in advisor/)");
        line(console, "Took", DurationFormat.minutesSeconds(console.elapsed()));
    }

    private void rescaleLines(DemoConsole console, JobWatcher.Direction direction, String label, String phase) {
        List<DemoRecord.SeenRescale> seen = seen(direction);
        if (seen.isEmpty()) {
            line(console, label, "none seen in Flink");
            return;
        }
        for (DemoRecord.SeenRescale rescale : seen) {
            String after = record.phaseStart(phase)
                    .map(start ->
                            " " + DurationFormat.minutesSeconds(rescale.at().minus(start)) + " into the " + phase)
                    .orElse("");
            line(
                    console,
                    label,
                    DemoConsole.clock(rescale.at()) + "  " + rescale.rescale().changes() + after + "; not running "
                            + Demo.seconds(rescale.rescale().downtime()) + " (seen in Flink)");
        }
        List<AdvisorDecision> entries = advisorSucceeded(direction);
        if (entries.isEmpty()) {
            line(console, "", "advisor: no rescale-succeeded entry for it in /api/v1/decisions");
        }
        for (AdvisorDecision entry : entries) {
            line(console, "", "advisor: " + DecisionFeed.line(entry));
        }
    }

    private String decisions() {
        List<AdvisorDecision> decisions = record.decisions();
        if (decisions.isEmpty()) {
            return "none: the advisor's decision history (/api/v1/decisions) has no entries for this run";
        }
        Map<String, Integer> byKind = new TreeMap<>();
        decisions.forEach(d -> byKind.merge(d.kind(), 1, Integer::sum));
        List<String> counts = new ArrayList<>();
        byKind.forEach((kind, count) -> counts.add(count + " " + kind));
        return decisions.size() + " in the advisor's history: " + String.join(", ", counts);
    }

    private String webhooks() {
        List<ReceivedWebhook> webhooks = record.webhooks();
        if (webhooks.isEmpty()) {
            return "none received";
        }
        long valid = webhooks.stream().filter(ReceivedWebhook::signatureValid).count();
        return webhooks.size() + " received, "
                + (valid == webhooks.size()
                        ? "every signature valid"
                        : (webhooks.size() - valid) + " with an INVALID signature")
                + " (payloads in logs/webhooks.jsonl)";
    }

    private String stateCheck() {
        DemoRecord.StateCheck check = record.stateCheck();
        if (check.state().isEmpty()) {
            return "NOT RUN: " + check.problem().orElse("unknown");
        }
        LoadJobState state = check.state().get();
        String figures = String.format(
                Locale.ROOT,
                "%,d records produced, %,d read, %,d counted in keyed state (%d resets, %d gaps)",
                state.produced(),
                state.read(),
                state.sumOfKeyCounts(),
                state.resets(),
                state.gaps());
        return (check.passed() ? "PASSED: " : "FAILED: ") + figures;
    }

    private String cleanup() {
        List<String> notes = new ArrayList<>(record.cleanupProblems());
        if (record.leftovers().isEmpty()) {
            notes.add(0, "every process the demo started has stopped");
        } else {
            notes.add(0, "STILL RUNNING: " + String.join("; ", record.leftovers()));
        }
        return String.join("; ", notes);
    }

    private List<DemoRecord.SeenRescale> seen(JobWatcher.Direction direction) {
        return record.rescales().stream()
                .filter(r -> r.rescale().direction() == direction)
                .toList();
    }

    private List<AdvisorDecision> advisorSucceeded(JobWatcher.Direction direction) {
        String word = direction == JobWatcher.Direction.UP ? "up" : "down";
        return record.decisions().stream()
                .filter(AdvisorDecision::isRescaleSucceeded)
                .filter(d -> d.direction()
                        .map(word::equals)
                        .orElseGet(() -> directionOf(d).equals(Optional.of(word))))
                .toList();
    }

    private static Optional<String> directionOf(AdvisorDecision decision) {
        if (decision.currentParallelism().isEmpty()
                || decision.targetParallelism().isEmpty()) {
            return Optional.empty();
        }
        int current = decision.currentParallelism().getAsInt();
        int target = decision.targetParallelism().getAsInt();
        return current == target ? Optional.empty() : Optional.of(target > current ? "up" : "down");
    }

    private static void line(DemoConsole console, String label, String text) {
        List<String> lines = DemoConsole.wrap(text, DemoConsole.WIDTH - INDENT.length());
        console.line(String.format(LABEL, label) + lines.get(0));
        for (String rest : lines.subList(1, lines.size())) {
            console.line(INDENT + rest);
        }
    }

    /** {@code 8m41s}, {@code 52s}: elapsed times in the summary. */
    static final class DurationFormat {
        private DurationFormat() {}

        static String minutesSeconds(Duration duration) {
            long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
            return seconds >= 60
                    ? seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s"
                    : seconds + "s";
        }
    }
}

package dev.scalingadvisor.testbed.e2e.demo;

import dev.scalingadvisor.testbed.e2e.advisor.AdvisorDecision;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorProcess;
import dev.scalingadvisor.testbed.e2e.advisor.DecisionQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Polls the advisor's decision history ({@code GET /api/v1/decisions}) and prints each new entry once: a
 * decision with its reason, a rescale step with its outcome. An entry that repeats an earlier one word for word
 * (a refusal re-published every cycle) is counted, not printed again.
 */
final class DecisionFeed implements AutoCloseable {

    private final AdvisorProcess advisor;
    private final Instant since;
    private final DemoConsole console;
    private final Duration every;
    private final List<AdvisorDecision> entries = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Integer> repeats = new LinkedHashMap<>();
    private final RepeatingTask poller;
    private volatile boolean answering = true;

    DecisionFeed(AdvisorProcess advisor, Instant since, DemoConsole console, Duration every) {
        this.advisor = advisor;
        this.since = since;
        this.console = console;
        this.every = every;
        this.poller = new RepeatingTask("demo-decision-feed");
    }

    void start() {
        poller.withPauses(this::pollQuietly, every);
    }

    /** Reads whatever is new once more, e.g. right before the summary. */
    void pollOnce() {
        pollQuietly();
    }

    /** Every distinct entry seen, oldest first. */
    List<AdvisorDecision> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** How often each printed line was repeated by later entries. */
    synchronized Map<String, Integer> repeats() {
        return Map.copyOf(repeats);
    }

    @Override
    public void close() {
        poller.close();
    }

    private synchronized void pollQuietly() {
        if (!advisor.isRunning()) {
            return;
        }
        List<AdvisorDecision> newestFirst;
        try {
            newestFirst = advisor.decisions(DecisionQuery.all().since(since));
        } catch (RuntimeException e) {
            if (answering) {
                console.event("ADVISOR", "decision history not answering: " + e.getMessage());
            }
            answering = false;
            return;
        }
        answering = true;
        List<AdvisorDecision> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        for (AdvisorDecision decision : oldestFirst) {
            if (!seen.add(identity(decision))) {
                continue;
            }
            entries.add(decision);
            String line = line(decision);
            if (repeats.containsKey(line)) {
                repeats.merge(line, 1, Integer::sum);
            } else {
                repeats.put(line, 0);
                console.event("ADVISOR", line);
            }
        }
    }

    /** {@code rescale-started up 1 → 2: <summary>}; the history's own summary carries the reason. */
    static String line(AdvisorDecision decision) {
        StringBuilder line = new StringBuilder(decision.kind());
        decision.direction().ifPresent(direction -> line.append(' ').append(direction));
        decision.parallelismChange().ifPresent(change -> line.append(' ').append(change));
        return line.append(": ").append(decision.summary()).toString();
    }

    private static String identity(AdvisorDecision decision) {
        return decision.at() + "|" + decision.kind() + "|" + decision.jobId() + "|" + decision.summary();
    }
}

package dev.scalingadvisor.testbed.e2e.demo;

import dev.scalingadvisor.testbed.e2e.advisor.AdvisorDecision;
import dev.scalingadvisor.testbed.e2e.webhook.ReceivedWebhook;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What happened during one demo run, collected from every thread for the summary. */
final class DemoRecord {

    private final Map<String, Duration> phaseStarts = new LinkedHashMap<>();
    private final List<SeenRescale> rescales = new ArrayList<>();
    private List<AdvisorDecision> decisions = List.of();
    private List<ReceivedWebhook> webhooks = List.of();
    private StateCheck stateCheck = StateCheck.notRun("the demo did not get as far as draining the load");
    private Optional<Throwable> failure = Optional.empty();
    private List<String> cleanupProblems = List.of();
    private List<String> leftovers = List.of();
    private Optional<String> advisorReadiness = Optional.empty();

    /** A change of the job Flink showed, and when (time since the demo started). */
    record SeenRescale(JobWatcher.Rescale rescale, Duration at) {}

    synchronized void phaseStarted(String name, Duration at) {
        phaseStarts.put(name, at);
    }

    synchronized Optional<Duration> phaseStart(String name) {
        return Optional.ofNullable(phaseStarts.get(name));
    }

    synchronized void rescaleSeen(JobWatcher.Rescale rescale, Duration at) {
        rescales.add(new SeenRescale(rescale, at));
    }

    synchronized List<SeenRescale> rescales() {
        return List.copyOf(rescales);
    }

    synchronized void decisions(List<AdvisorDecision> entries) {
        decisions = List.copyOf(entries);
    }

    synchronized List<AdvisorDecision> decisions() {
        return decisions;
    }

    synchronized void webhooks(List<ReceivedWebhook> received) {
        webhooks = List.copyOf(received);
    }

    synchronized List<ReceivedWebhook> webhooks() {
        return webhooks;
    }

    synchronized void stateCheck(StateCheck check) {
        stateCheck = check;
    }

    synchronized StateCheck stateCheck() {
        return stateCheck;
    }

    synchronized void failed(Throwable cause) {
        failure = Optional.of(cause);
    }

    synchronized Optional<Throwable> failure() {
        return failure;
    }

    synchronized void cleanupProblems(List<String> problems) {
        cleanupProblems = List.copyOf(problems);
    }

    synchronized List<String> cleanupProblems() {
        return cleanupProblems;
    }

    synchronized void leftovers(List<String> processes) {
        leftovers = List.copyOf(processes);
    }

    synchronized List<String> leftovers() {
        return leftovers;
    }

    synchronized void advisorReadiness(String readiness) {
        advisorReadiness = Optional.of(readiness);
    }

    /** What the advisor's {@code /readyz} said at the end of the scenario. */
    synchronized Optional<String> advisorReadiness() {
        return advisorReadiness;
    }

    /** The end-of-run state check: the load job drained and lost no keyed state, or why it could not be checked. */
    record StateCheck(Optional<LoadJobState> state, Optional<String> problem) {

        static StateCheck of(LoadJobState drained) {
            return new StateCheck(Optional.of(drained), Optional.empty());
        }

        static StateCheck notRun(String why) {
            return new StateCheck(Optional.empty(), Optional.of(why));
        }

        boolean passed() {
            return state.map(LoadJobState::noStateLost).orElse(false);
        }
    }
}

package dev.scalingadvisor.testbed.e2e.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorDecision;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorProcess;
import dev.scalingadvisor.testbed.e2e.advisor.DecisionQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The advisor's decision history and metrics as the end-to-end tests read them, through its HTTP API only. */
final class History {

    private static final ObjectMapper JSON = new ObjectMapper();

    private History() {}

    /**
     * The job's entry in the advisor's last evaluation ({@code GET /api/v1/jobs}): its phase, its rules with
     * state and value, its decision. Empty before the first cycle and when the job was not evaluated.
     */
    static Optional<JsonNode> evaluation(AdvisorProcess advisor, String jobId) {
        AdvisorProcess.HttpAnswer answer = advisor.get("/api/v1/jobs");
        if (answer.status() != 200 || answer.body().isBlank()) {
            return Optional.empty();
        }
        try {
            for (JsonNode job : JSON.readTree(answer.body()).path("jobs")) {
                if (job.path("jobId").asText().equals(jobId)) {
                    return Optional.of(job);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("the advisor's /api/v1/jobs is not JSON: " + answer.body(), e);
        }
    }

    /** {@link #evaluation}, found by the job's name. */
    private static Optional<JsonNode> evaluationNamed(AdvisorProcess advisor, String jobName) {
        AdvisorProcess.HttpAnswer answer = advisor.get("/api/v1/jobs");
        try {
            for (JsonNode job : JSON.readTree(answer.body()).path("jobs")) {
                if (job.path("jobName").asText().equals(jobName)) {
                    return Optional.of(job);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The state ({@code inactive}, {@code pending}, {@code firing}, …) of one rule in the job's last evaluation. */
    static Optional<String> ruleState(AdvisorProcess advisor, String jobId, String rule) {
        return evaluation(advisor, jobId).flatMap(job -> {
            for (JsonNode r : job.path("rules")) {
                if (r.path("name").asText().equals(rule)) {
                    return Optional.of(r.path("state").asText());
                }
            }
            return Optional.empty();
        });
    }

    /** Every history entry of the named job, oldest first. */
    static List<AdvisorDecision> of(AdvisorProcess advisor, String jobName) {
        List<AdvisorDecision> entries = new ArrayList<>(advisor.decisions(DecisionQuery.all()).stream()
                .filter(d -> d.jobName().equals(jobName))
                .toList());
        Collections.reverse(entries);
        return entries;
    }

    /** The kinds of the named job's history entries, oldest first, e.g. {@code [rescale-started, savepoint-taken, …]}. */
    static List<String> kinds(AdvisorProcess advisor, String jobName) {
        return of(advisor, jobName).stream().map(AdvisorDecision::kind).toList();
    }

    /** Waits for the first entry of the named job of that kind which also passes {@code test}. */
    static AdvisorDecision await(
            AdvisorProcess advisor, String jobName, String kind, Predicate<AdvisorDecision> test, Duration timeout) {
        try {
            return awaitEntry(advisor, jobName, kind, test, timeout);
        } catch (AssertionError e) {
            // What the advisor last thought of the job (its phase, each rule's state and value) is what tells a
            // wrong decision from a right one the test did not expect
            throw new AssertionError(
                    e.getMessage() + "; the advisor's last evaluation of " + jobName + ": "
                            + evaluationNamed(advisor, jobName)
                                    .map(JsonNode::toString)
                                    .orElse("none"),
                    e);
        }
    }

    /**
     * {@link Await#until(Duration, String, BooleanSupplier)}, failing with what the advisor last thought of the
     * job and what its history holds: a wait for something the advisor should have done says why it did not.
     */
    static void until(
            AdvisorProcess advisor, String jobName, Duration timeout, String expectation, BooleanSupplier condition) {
        try {
            Await.until(timeout, expectation, condition);
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "; history of " + jobName + ": " + kinds(advisor, jobName)
                            + "; the advisor's last evaluation of " + jobName + ": "
                            + evaluationNamed(advisor, jobName)
                                    .map(JsonNode::toString)
                                    .orElse("none"),
                    e);
        }
    }

    private static AdvisorDecision awaitEntry(
            AdvisorProcess advisor, String jobName, String kind, Predicate<AdvisorDecision> test, Duration timeout) {
        return Await.until(timeout, "a " + kind + " entry for " + jobName + " in the advisor's history", () -> {
            List<AdvisorDecision> entries = of(advisor, jobName);
            Optional<AdvisorDecision> failed = entries.stream()
                    .filter(d -> List.of("rescale-failed", "rolled-back").contains(d.kind())
                            && !d.kind().equals(kind))
                    .findFirst();
            if (failed.isPresent()) {
                throw new AssertionError("waiting for " + kind + ", the advisor recorded "
                        + failed.get().summary());
            }
            return entries.stream()
                    .filter(d -> d.kind().equals(kind) && test.test(d))
                    .findFirst();
        });
    }

    static AdvisorDecision await(AdvisorProcess advisor, String jobName, String kind, Duration timeout) {
        return await(advisor, jobName, kind, d -> true, timeout);
    }

    /**
     * The value of one sample in the advisor's {@code /metrics}, e.g. {@code metric(advisor,
     * "scaling_advisor_flink_circuit_breaker_state", "cluster", "e2e", "state", "open")}; empty when there is none.
     */
    static Optional<Double> metric(AdvisorProcess advisor, String name, String... labelPairs) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(advisor.metrics());
        while (matcher.find()) {
            String labels = matcher.group(1) == null ? "" : matcher.group(1);
            boolean all = true;
            for (int i = 0; i < labelPairs.length; i += 2) {
                all &= labels.contains(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\"");
            }
            if (all) {
                return Optional.of(Double.parseDouble(matcher.group(2)));
            }
        }
        return Optional.empty();
    }
}

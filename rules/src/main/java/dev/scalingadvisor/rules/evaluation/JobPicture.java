package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexFacts;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.policy.JobShape;
import dev.scalingadvisor.rules.policy.LagFigures;
import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.rule.Reading;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RuleResults;
import dev.scalingadvisor.rules.workload.JobLoad;
import dev.scalingadvisor.rules.workload.VertexLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Puts together what a cycle knows about one job from the rule answers, the workload answers and the
 * daemon's facts: its vertices (Flink REST first, else subtasks counted in Prometheus), its start time
 * (Flink REST first, else {@code now - uptime}), and each rule's reading with staleness judged by sample
 * timestamps, not by presence alone.
 */
final class JobPicture {

    private JobPicture() {}

    static JobShape shape(JobLoad load, JobFacts facts) {
        List<Vertex> vertices = new ArrayList<>();
        if (!facts.vertices().isEmpty()) {
            facts.vertices()
                    .forEach((id, f) -> vertices.add(
                            fromFacts(id, f, Optional.ofNullable(load.vertices().get(id)))));
        } else {
            for (VertexLoad v : load.vertices().values()) {
                OptionalInt subtasks = v.subtasks();
                if (subtasks.isPresent() && subtasks.getAsInt() > 0) {
                    vertices.add(
                            new Vertex(v.vertex(), v.name(), subtasks.getAsInt(), OptionalInt.empty(), Optional.of(v)));
                }
            }
        }
        return new JobShape(vertices, new LagFigures(load.sourceRate(), load.backlog(), load.backlogGrowth()));
    }

    /**
     * The shape of the job at a past instant when the facts describe the present: parallelism from the
     * subtasks Prometheus counted then, real names and key groups from the facts (a vertex keeps them).
     */
    static JobShape pastShape(JobLoad load, JobFacts present) {
        List<Vertex> vertices = new ArrayList<>();
        for (VertexLoad v : load.vertices().values()) {
            OptionalInt subtasks = v.subtasks();
            if (subtasks.isPresent() && subtasks.getAsInt() > 0) {
                VertexFacts facts = present.vertices().get(v.vertex());
                vertices.add(new Vertex(
                        v.vertex(),
                        facts == null ? v.name() : facts.name(),
                        subtasks.getAsInt(),
                        facts == null ? OptionalInt.empty() : facts.maxParallelism(),
                        Optional.of(v)));
            }
        }
        return new JobShape(vertices, new LagFigures(load.sourceRate(), load.backlog(), load.backlogGrowth()));
    }

    /** Of facts about the present, what holds for the job's past too: its name. */
    static JobFacts namesOnly(JobFacts present) {
        return new JobFacts(present.name(), Optional.empty(), Map.of(), Optional.empty(), OptionalInt.empty());
    }

    private static Vertex fromFacts(VertexId id, VertexFacts facts, Optional<VertexLoad> load) {
        return new Vertex(id, facts.name(), facts.parallelism(), facts.maxParallelism(), load);
    }

    static Optional<Instant> startedAt(Instant now, JobLoad load, JobFacts facts) {
        return facts.startedAt().or(() -> load.uptime().map(now::minus));
    }

    /**
     * Why the job's data is stale, if it is: its least recently scraped subtask was sampled more than
     * {@code maxSampleAge} ago. (Prometheus keeps returning a series that simply ended for five minutes of
     * lookback; only its sample timestamp gives that away.)
     */
    static Optional<String> staleness(Instant now, JobLoad load, Duration maxSampleAge) {
        return load.oldestSample().flatMap(oldest -> {
            Duration age = Duration.between(oldest, now);
            if (age.compareTo(maxSampleAge) <= 0) {
                return Optional.empty();
            }
            String vertex = load.vertices().values().stream()
                    .filter(v -> v.oldestSample().filter(oldest::equals).isPresent())
                    .map(VertexLoad::name)
                    .findFirst()
                    .orElse("?");
            return Optional.of("stale: the oldest busy-time sample (vertex " + vertex + ") is "
                    + PrometheusDurations.format(age.withNanos(0)) + " old, more than maxSampleAge "
                    + PrometheusDurations.format(maxSampleAge));
        });
    }

    static Map<RuleName, Reading> readings(
            JobId job,
            List<RuleResults> results,
            JobShape shape,
            Optional<String> stale,
            Optional<String> freshnessUnknown) {
        Set<VertexId> vertices = new LinkedHashSet<>();
        shape.vertices().forEach(v -> vertices.add(v.id()));
        Map<RuleName, Reading> readings = new LinkedHashMap<>();
        for (RuleResults result : results) {
            Rule rule = result.rule();
            Reading reading = result.readingFor(job, vertices);
            if (reading instanceof Reading.Value) {
                if (stale.isPresent()) {
                    reading = new Reading.Missing(stale.get());
                } else if (freshnessUnknown.isPresent()) {
                    reading = new Reading.Missing(freshnessUnknown.get());
                }
            }
            readings.put(rule.name(), reading);
        }
        return readings;
    }
}

package dev.scalingadvisor.rules.decision;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.scalingadvisor.core.text.ValueText;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something scaling would not fix, reported to people instead of a scale-up: skew (a hot key), an
 * ineffective scale-up, saturated TaskManager hosts, a Kafka source bound by its topic's partitions. In JSON
 * (history details, {@code evaluate --format json}) its {@link #kind()} says which it is: no Java type name.
 */
public sealed interface Finding {

    /**
     * {@code skew}, {@code ineffective-scale-up}, {@code cpu-saturated}, {@code partition-bound}: stable, for
     * routing and deduplication.
     */
    @JsonProperty("kind")
    String kind();

    /** What it concerns (a vertex id, or the job), so that the same finding is recognised across cycles. */
    @JsonProperty("subject")
    String subject();

    @JsonProperty("text")
    String text();

    /** The hottest subtask of a vertex is much busier than its average: more parallelism does not help a hot key. */
    record Skew(
            String vertex,
            String name,
            double hottestBusyMsPerSecond,
            double averageBusyMsPerSecond,
            double maxToAverage)
            implements Finding {
        @Override
        public String kind() {
            return "skew";
        }

        @Override
        public String subject() {
            return vertex;
        }

        @Override
        public String text() {
            return "skew in vertex " + name + ": its busiest subtask is " + ValueText.of(hottestBusyMsPerSecond)
                    + " ms/s busy, " + ValueText.of(hottestBusyMsPerSecond / averageBusyMsPerSecond)
                    + "× the average of "
                    + ValueText.of(averageBusyMsPerSecond) + " ms/s (limit " + ValueText.of(maxToAverage)
                    + "×). More parallelism does not spread a hot key; salting the key or a two-phase aggregation does.";
        }
    }

    /**
     * A scale-up of a vertex bought much less throughput than its added parallelism promised.
     *
     * @param likelyLimit what probably limits the job: TaskManager CPU, free slots, or an external system
     */
    record IneffectiveScaleUp(
            String vertex,
            String name,
            int from,
            int to,
            double throughputBefore,
            double throughputAfter,
            double expectedGain,
            double actualGain,
            String likelyLimit,
            Instant blockedUntil)
            implements Finding {
        public IneffectiveScaleUp {
            Objects.requireNonNull(likelyLimit, "likelyLimit");
            Objects.requireNonNull(blockedUntil, "blockedUntil");
        }

        @Override
        public String kind() {
            return "ineffective-scale-up";
        }

        @Override
        public String subject() {
            return vertex;
        }

        @Override
        public String text() {
            return "the scale-up of vertex " + name + " from " + from + " to " + to + " raised its throughput from "
                    + ValueText.of(throughputBefore) + " to " + ValueText.of(throughputAfter) + " records/s ("
                    + percent(actualGain) + ", expected " + percent(expectedGain) + "); likely limit: " + likelyLimit
                    + ". Further scale-ups of it are blocked until " + blockedUntil + ".";
        }

        private static String percent(double ratio) {
            return (ratio >= 0 ? "+" : "") + ValueText.of(ratio * 100) + "%";
        }
    }

    /**
     * The bottleneck is a Kafka source that already reads each partition of its topics with a subtask of its own:
     * a subtask more would read nothing, so the topic needs more partitions, not the job more parallelism.
     */
    record PartitionBound(String vertex, String name, int parallelism, int partitions, List<String> topics)
            implements Finding {
        public PartitionBound {
            topics = List.copyOf(topics);
        }

        @Override
        public String kind() {
            return "partition-bound";
        }

        @Override
        public String subject() {
            return vertex;
        }

        @Override
        public String text() {
            String topicList = String.join(", ", topics);
            return "source " + name + " is the bottleneck and already runs " + parallelism + " subtasks for the "
                    + partitions + " partitions of " + topicList + ": a subtask more would read nothing. Add partitions"
                    + " to topic " + topicList + " to read it faster.";
        }
    }

    /** Every host running the job is CPU-saturated: more parallelism on the same TaskManagers cannot help. */
    record CpuSaturated(double leastLoadedHostCpu, double saturation, Optional<Integer> freeSlots) implements Finding {
        public CpuSaturated {
            Objects.requireNonNull(freeSlots, "freeSlots");
        }

        @Override
        public String kind() {
            return "cpu-saturated";
        }

        @Override
        public String subject() {
            return "job";
        }

        @Override
        public String text() {
            return "every host running the job is CPU-saturated (the least loaded at "
                    + ValueText.of(leastLoadedHostCpu * 100)
                    + "% CPU, saturation at " + ValueText.of(saturation * 100) + "%)"
                    + freeSlots
                            .map(s -> ", " + s + " free slots in the cluster")
                            .orElse("")
                    + ": more parallelism on the same TaskManagers cannot help; add TaskManagers on other hosts"
                    + " or make the job cheaper per record.";
        }
    }
}

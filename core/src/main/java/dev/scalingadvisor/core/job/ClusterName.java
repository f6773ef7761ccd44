package dev.scalingadvisor.core.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * A Flink cluster's name in the advisor's configuration ({@code flink.clusters[].name}). A job no configured
 * cluster reports has none: code holds an {@code Optional<ClusterName>}, and only messages and payloads,
 * which always name a cluster, write such a job's as {@link #UNCONFIGURED_SPELLING}.
 */
public record ClusterName(@JsonValue String value) implements Comparable<ClusterName> {

    /**
     * How messages, payloads and labels name the cluster of a job no configured cluster reports (a job known
     * from Prometheus alone): {@code default}, as in the webhook payload schema.
     */
    public static final String UNCONFIGURED_SPELLING = "default";

    @JsonCreator
    public ClusterName {
        Objects.requireNonNull(value, "value");
        // It becomes a metric label value, a dedup key part and a Slack mention: keep it plain.
        if (!value.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "cluster name \"" + value + "\" must be letters, digits, '.', '_' or '-'");
        }
    }

    /** The name as messages, payloads and labels write it, {@value #UNCONFIGURED_SPELLING} for none. */
    public static String spelling(Optional<ClusterName> cluster) {
        return cluster.map(ClusterName::value).orElse(UNCONFIGURED_SPELLING);
    }

    @Override
    public int compareTo(ClusterName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

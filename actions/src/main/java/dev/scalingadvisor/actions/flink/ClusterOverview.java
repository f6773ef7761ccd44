package dev.scalingadvisor.actions.flink;

import java.util.Objects;

/**
 * {@code GET /overview}: the cluster's Flink version and its task slots.
 *
 * @param slotsAvailable slots registered and not in use by any job; a rescale that needs more stays pending
 */
public record ClusterOverview(String flinkVersion, int taskManagers, int slotsTotal, int slotsAvailable) {

    public ClusterOverview {
        Objects.requireNonNull(flinkVersion, "flinkVersion");
        if (taskManagers < 0 || slotsTotal < 0 || slotsAvailable < 0) {
            throw new IllegalArgumentException("task manager and slot counts must not be negative");
        }
    }
}

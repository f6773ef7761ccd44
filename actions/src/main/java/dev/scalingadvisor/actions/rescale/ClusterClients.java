package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.core.job.ClusterName;
import java.util.Optional;

/** The REST client of each configured Flink cluster by name; the daemon backs it with its configuration and {@code FlinkClusters}. */
@FunctionalInterface
public interface ClusterClients {

    Optional<FlinkRestClient> forCluster(ClusterName name);
}

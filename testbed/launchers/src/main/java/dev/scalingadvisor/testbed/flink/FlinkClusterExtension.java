package dev.scalingadvisor.testbed.flink;

import dev.scalingadvisor.testbed.process.ServerExtension;

/**
 * Runs one {@link FlinkCluster} per test class (a cluster takes about 20 s to start), stops it after the last
 * test even when tests fail, and prints every Flink process's log tail when a test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FlinkClusterExtension flink = new FlinkClusterExtension(
 *         FlinkClusterOptions.defaults().withTaskManagers(2).withSlotsPerTaskManager(2));
 * }</pre>
 */
public final class FlinkClusterExtension extends ServerExtension<FlinkCluster> {

    private final FlinkClusterOptions options;

    public FlinkClusterExtension(FlinkClusterOptions options) {
        super("the Flink cluster");
        this.options = options;
    }

    @Override
    protected FlinkCluster start() {
        return FlinkCluster.start(options);
    }

    @Override
    protected String whereAndLog(FlinkCluster cluster) {
        return cluster.restUrl() + "\n" + cluster.logExcerpts();
    }

    /** The running cluster; only valid between beforeAll and afterAll. */
    public FlinkCluster cluster() {
        return running();
    }
}

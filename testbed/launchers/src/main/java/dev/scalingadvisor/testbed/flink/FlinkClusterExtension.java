package dev.scalingadvisor.testbed.flink;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

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
public final class FlinkClusterExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final FlinkClusterOptions options;
    private FlinkCluster cluster;

    public FlinkClusterExtension(FlinkClusterOptions options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = FlinkCluster.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (cluster != null) {
            System.err.println("[testbed] " + context.getDisplayName() + " failed; Flink cluster " + cluster.restUrl()
                    + "\n" + cluster.logExcerpts());
        }
    }

    /** The running cluster; only valid between beforeAll and afterAll. */
    public FlinkCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException(
                    "the Flink cluster is not running: use the extension with @RegisterExtension on a static field");
        }
        return cluster;
    }
}

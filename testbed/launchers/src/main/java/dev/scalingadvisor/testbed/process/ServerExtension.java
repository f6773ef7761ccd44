package dev.scalingadvisor.testbed.process;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One server for a test class, registered on a static field: started before the first test, stopped after the
 * last even when tests fail, and its log printed when a test fails. The testbed's Prometheus, Alertmanager, Kafka
 * and Flink extensions are this with their own start and their own words for where the server runs.
 *
 * @param <T> the running server
 */
public abstract class ServerExtension<T extends AutoCloseable>
        implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final String name;
    private T server;

    /** @param name the server as messages call it: {@code Prometheus}, {@code the Kafka broker} */
    protected ServerExtension(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Starts the server; it is stopped after the last test of the class. */
    protected abstract T start();

    /** Where the server runs and the tail of its log, printed when a test fails. */
    protected abstract String whereAndLog(T running);

    @Override
    public final void beforeAll(ExtensionContext context) {
        server = start();
    }

    @Override
    public final void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public final void testFailed(ExtensionContext context, Throwable cause) {
        if (server != null) {
            System.err.println(
                    "[testbed] " + context.getDisplayName() + " failed; " + name + " " + whereAndLog(server));
        }
    }

    /** The running server; only valid between beforeAll and afterAll. */
    protected final T running() {
        if (server == null) {
            throw new IllegalStateException(
                    name + " is not running: use the extension with @RegisterExtension on a static field");
        }
        return server;
    }
}

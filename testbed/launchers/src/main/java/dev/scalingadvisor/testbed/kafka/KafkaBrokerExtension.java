package dev.scalingadvisor.testbed.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs one {@link KafkaBroker} per test class, stops it and deletes its data after the last test even when
 * tests fail, and prints the broker's log tail when a test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static KafkaBrokerExtension kafka = new KafkaBrokerExtension();
 * }</pre>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = KafkaBroker.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (broker != null) {
            System.err.println("[testbed] " + context.getDisplayName() + " failed; Kafka broker "
                    + broker.bootstrapServers() + "\n" + broker.logExcerpt());
        }
    }

    /** The running broker; only valid between beforeAll and afterAll. */
    public KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException(
                    "the Kafka broker is not running: use the extension with @RegisterExtension on a static field");
        }
        return broker;
    }
}

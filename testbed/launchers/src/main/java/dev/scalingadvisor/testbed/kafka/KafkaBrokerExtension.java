package dev.scalingadvisor.testbed.kafka;

import dev.scalingadvisor.testbed.process.ServerExtension;

/**
 * Runs one {@link KafkaBroker} per test class, stops it and deletes its data after the last test even when
 * tests fail, and prints the broker's log tail when a test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static KafkaBrokerExtension kafka = new KafkaBrokerExtension();
 * }</pre>
 */
public final class KafkaBrokerExtension extends ServerExtension<KafkaBroker> {

    public KafkaBrokerExtension() {
        super("the Kafka broker");
    }

    @Override
    protected KafkaBroker start() {
        return KafkaBroker.start();
    }

    @Override
    protected String whereAndLog(KafkaBroker broker) {
        return broker.bootstrapServers() + "\n" + broker.logExcerpt();
    }

    /** The running broker; only valid between beforeAll and afterAll. */
    public KafkaBroker broker() {
        return running();
    }
}

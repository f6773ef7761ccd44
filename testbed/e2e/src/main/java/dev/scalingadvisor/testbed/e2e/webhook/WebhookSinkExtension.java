package dev.scalingadvisor.testbed.e2e.webhook;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one {@link WebhookSink} with a fresh secret for a test class, prints what it received when a test
 * fails, and stops it after the last test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static WebhookSinkExtension webhooks = new WebhookSinkExtension();
 * }</pre>
 */
public final class WebhookSinkExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private WebhookSink sink;

    @Override
    public void beforeAll(ExtensionContext context) {
        sink = WebhookSink.start(StandardWebhooks.newSecret());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (sink != null && context.getExecutionException().isPresent()) {
            StringBuilder received = new StringBuilder();
            sink.received().forEach(webhook -> received.append("\n  ").append(NotificationLine.format(webhook)));
            System.err.println("[e2e] " + context.getDisplayName() + " failed; " + sink + received);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sink != null) {
            sink.close();
        }
    }

    /** The running sink; only valid between beforeAll and afterAll. */
    public WebhookSink sink() {
        if (sink == null) {
            throw new IllegalStateException(
                    "the webhook sink is not running: use the extension with @RegisterExtension on a static field");
        }
        return sink;
    }
}

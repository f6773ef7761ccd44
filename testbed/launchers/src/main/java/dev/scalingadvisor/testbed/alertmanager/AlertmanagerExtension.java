package dev.scalingadvisor.testbed.alertmanager;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs one {@link AlertmanagerServer} for a test class and stops it after the last test, printing its log
 * when a test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static AlertmanagerExtension alertmanager = new AlertmanagerExtension();
 * }</pre>
 */
public final class AlertmanagerExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private AlertmanagerServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = AlertmanagerServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (server != null) {
            System.err.println("[testbed] " + context.getDisplayName() + " failed; Alertmanager " + server.baseUrl()
                    + "\n" + server.logExcerpt());
        }
    }

    public AlertmanagerServer server() {
        if (server == null) {
            throw new IllegalStateException(
                    "Alertmanager is not running: use the extension with @RegisterExtension on a static field");
        }
        return server;
    }

    public String baseUrl() {
        return server().baseUrl();
    }
}

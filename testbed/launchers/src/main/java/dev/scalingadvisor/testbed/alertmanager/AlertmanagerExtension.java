package dev.scalingadvisor.testbed.alertmanager;

import dev.scalingadvisor.testbed.process.ServerExtension;

/**
 * Runs one {@link AlertmanagerServer} for a test class and stops it after the last test, printing its log
 * when a test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static AlertmanagerExtension alertmanager = new AlertmanagerExtension();
 * }</pre>
 */
public final class AlertmanagerExtension extends ServerExtension<AlertmanagerServer> {

    public AlertmanagerExtension() {
        super("Alertmanager");
    }

    @Override
    protected AlertmanagerServer start() {
        return AlertmanagerServer.start();
    }

    @Override
    protected String whereAndLog(AlertmanagerServer server) {
        return server.baseUrl() + "\n" + server.logExcerpt();
    }

    public AlertmanagerServer server() {
        return running();
    }

    public String baseUrl() {
        return server().baseUrl();
    }
}

package dev.scalingadvisor.testbed.e2e.advisor;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts advisor daemons for tests and stops every one of them after the test that started it (after the
 * class for those started in {@code @BeforeAll}), printing each daemon's log first when the test failed.
 * The daemon's configuration usually needs the URLs of servers other extensions start, so tests start it
 * themselves through this extension rather than having it started before them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static AdvisorExtension advisors = new AdvisorExtension();
 *
 * @Test
 * void example() {
 *     AdvisorProcess advisor = advisors.start(AdvisorConfigFile.of(AdvisorMode.OBSERVE, prometheus.baseUrl()));
 * }
 * }</pre>
 */
public final class AdvisorExtension implements AfterEachCallback, AfterAllCallback {

    private final List<AdvisorProcess> started = new ArrayList<>();

    /** Starts a daemon in a fresh temp dir; it is stopped and its dir deleted after the current test. */
    public synchronized AdvisorProcess start(AdvisorConfigFile config) {
        AdvisorProcess advisor = AdvisorProcess.start(config);
        started.add(advisor);
        return advisor;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopAll(context);
    }

    private synchronized void stopAll(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            for (AdvisorProcess advisor : started) {
                System.err.println("[e2e] " + context.getDisplayName() + " failed; " + advisor + "\n"
                        + advisor.logExcerpt() + "\n" + advisor.failureDiagnostics());
            }
        }
        for (AdvisorProcess advisor : started) {
            advisor.close();
        }
        started.clear();
    }
}

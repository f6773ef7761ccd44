package dev.scalingadvisor.testbed.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The lifecycle every testbed server shares: started once for the class, stopped after it, its log on failure. */
class ServerExtensionTest {

    /** A server that records what happened to it. */
    static final class FakeServer implements AutoCloseable {
        final List<String> events = new ArrayList<>();

        @Override
        public void close() {
            events.add("closed");
        }
    }

    static final class FakeExtension extends ServerExtension<FakeServer> {
        int starts;

        FakeExtension() {
            super("the fake server");
        }

        @Override
        protected FakeServer start() {
            starts++;
            return new FakeServer();
        }

        @Override
        protected String whereAndLog(FakeServer server) {
            return "at 127.0.0.1:1\nlog line";
        }

        FakeServer server() {
            return running();
        }
    }

    private static final ExtensionContext CONTEXT = (ExtensionContext) Proxy.newProxyInstance(
            ServerExtensionTest.class.getClassLoader(),
            new Class<?>[] {ExtensionContext.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getDisplayName")) {
                    return "aTestThatFailed()";
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void startsOnceForTheClassAndStopsAfterIt() throws Exception {
        FakeExtension extension = new FakeExtension();

        extension.beforeAll(CONTEXT);
        FakeServer server = extension.server();
        extension.afterAll(CONTEXT);

        assertThat(extension.starts).isEqualTo(1);
        assertThat(server.events).containsExactly("closed");
    }

    @Test
    void saysWhereTheServerRanAndItsLogWhenATestFails() {
        FakeExtension extension = new FakeExtension();
        extension.beforeAll(CONTEXT);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            extension.testFailed(CONTEXT, new AssertionError("boom"));
        } finally {
            System.setErr(stderr);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("[testbed] aTestThatFailed() failed; the fake server at 127.0.0.1:1\nlog line");
    }

    @Test
    void aServerThatNeverStartedIsNamedAndNothingIsClosed() throws Exception {
        FakeExtension extension = new FakeExtension();

        assertThatThrownBy(extension::server)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "the fake server is not running: use the extension with @RegisterExtension on a static field");
        extension.afterAll(CONTEXT);
        extension.testFailed(CONTEXT, new AssertionError("before it started"));
    }
}

package dev.scalingadvisor.testbed.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Hands out TCP ports that are free on 127.0.0.1, the only address the testbed's servers listen on. */
public final class LoopbackPorts {

    private LoopbackPorts() {}

    /** A port nobody listens on right now; another process could still take it before we bind. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
        }
    }

    /** The address clients use for a port of this testbed. */
    public static String hostPort(int port) {
        return "127.0.0.1:" + port;
    }
}

package dev.scalingadvisor.testbed.e2e.loop;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that misbehave against an HTTP port, held until closed: connections that never send a byte, requests
 * trickled a byte a second (slowloris: each one reconnects when the server cuts it off), and requests for
 * {@code /metrics} whose answers nobody reads. Each kind on threads of its own; closing ends all of them.
 */
final class HostileClients implements AutoCloseable {

    private static final byte[] TRICKLED =
            "GET /metrics HTTP/1.1\r\nHost: advisor\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNREAD =
            "GET /metrics HTTP/1.1\r\nHost: advisor\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger cutOff = new AtomicInteger();
    private final ExecutorService tricklers;
    private volatile boolean closed;

    private HostileClients(int port, int tricklers) {
        this.port = port;
        this.tricklers = Executors.newFixedThreadPool(Math.max(1, tricklers));
    }

    /**
     * @param idle       connections that send nothing
     * @param trickling  requests sent a byte a second, reconnecting when cut off
     * @param unread     {@code GET /metrics} requests whose answers are never read
     */
    static HostileClients against(int port, int idle, int trickling, int unread) throws IOException {
        HostileClients clients = new HostileClients(port, trickling);
        for (int i = 0; i < idle; i++) {
            clients.connect();
        }
        for (int i = 0; i < unread; i++) {
            Socket socket = clients.connect();
            socket.getOutputStream().write(UNREAD);
            socket.getOutputStream().flush();
        }
        for (int i = 0; i < trickling; i++) {
            clients.tricklers.submit(clients::trickle);
        }
        return clients;
    }

    /** How many trickled requests the server cut off so far. */
    int cutOff() {
        return cutOff.get();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        // A small window, so that an unread answer fills it and the server's write has to wait.
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        sockets.add(socket);
        return socket;
    }

    private void trickle() {
        while (!closed) {
            try (Socket socket = connect()) {
                OutputStream out = socket.getOutputStream();
                // The request line and a header whose value never ends.
                for (int i = 0; !closed; i++) {
                    out.write(i < TRICKLED.length ? TRICKLED[i] : 'x');
                    out.flush();
                    TimeUnit.SECONDS.sleep(1);
                }
            } catch (IOException e) {
                if (!closed) {
                    cutOff.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        tricklers.shutdownNow();
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}

package io.qjmkit.zkfc.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LivenessProbe} over an idle TCP connection to the NameNode's RPC port. The probe never
 * sends a byte; Hadoop's IPC server keeps such a connection open while the process lives, so EOF or
 * a reset means the process (or its RPC server) is gone. Because a busy IPC server may drop idle
 * connections (more than {@code ipc.client.idlethreshold} of them), a loss is confirmed with one
 * immediate reconnect: refused means dead, accepted means the server only dropped us.
 */
public final class SocketLivenessProbe implements LivenessProbe {
    private static final Logger LOG = LoggerFactory.getLogger(SocketLivenessProbe.class);

    private final InetSocketAddress address;
    private final int connectTimeoutMs;
    private final ThreadFactory threads;
    private final String name;
    private volatile Socket socket;
    private volatile boolean closed;

    /**
     * @param name for logs, e.g. {@code ns1.nn1}
     * @param connectTimeoutMs bound on each connect attempt
     */
    public SocketLivenessProbe(String name, InetSocketAddress address, int connectTimeoutMs, ThreadFactory threads) {
        this.name = name;
        this.address = address;
        this.connectTimeoutMs = connectTimeoutMs;
        this.threads = threads;
    }

    @Override
    public synchronized void open(Consumer<String> onLost) throws IOException {
        if (isOpen()) {
            return;
        }
        closed = false;
        Socket s = connect();
        socket = s;
        Thread watcher = threads.newThread(() -> watch(s, onLost));
        watcher.setDaemon(true);
        watcher.setName("liveness-" + name);
        watcher.start();
        LOG.debug("[{}] liveness connection open to {}", name, address);
    }

    @Override
    public boolean isOpen() {
        Socket s = socket;
        return s != null && !s.isClosed();
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(socket);
        socket = null;
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setKeepAlive(true);
            s.connect(address, connectTimeoutMs);
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            throw e;
        }
    }

    private void watch(Socket initial, Consumer<String> onLost) {
        Socket current = initial;
        byte[] sink = new byte[64];
        while (!closed) {
            String why;
            try {
                InputStream in = current.getInputStream();
                // The server has nothing to say on a connection that never sent a header; any
                // bytes are ignored, only EOF or an error matters.
                if (in.read(sink) >= 0) {
                    continue;
                }
                why = "liveness connection to " + address + " closed by the NameNode (EOF)";
            } catch (IOException e) {
                why = "liveness connection to " + address + " failed: " + e;
            }
            if (closed) {
                return;
            }
            closeQuietly(current);
            try {
                current = connect();
                synchronized (this) {
                    if (closed) {
                        closeQuietly(current);
                        return;
                    }
                    socket = current;
                }
                LOG.warn("[{}] {}, but a new connection was accepted: the NameNode is alive", name, why);
            } catch (IOException refused) {
                synchronized (this) {
                    socket = null;
                }
                onLost.accept(why + "; reconnect failed: " + refused.getMessage());
                return;
            }
        }
    }

    private static void closeQuietly(Socket s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing liveness socket: {}", e.toString());
        }
    }
}

package io.qjmkit.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Listening ports for test servers that are stopped and started again on the same port. A port
 * from the kernel's ephemeral range (what binding port 0 hands out) can be given, while its server
 * is down, to any outgoing connection as its local port, and the restart then fails with "Address
 * already in use". Ports below that range are never used for outgoing connections, so they stay
 * free for the restart. A port is handed out at most once per JVM.
 */
public final class ListenPorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
    private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();

    private ListenPorts() {}

    /** A port below the ephemeral range that nothing listens on now and this JVM has not handed out. */
    public static int next() {
        int below = ephemeralLow();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = below > LOWEST + 1_000 ? ThreadLocalRandom.current().nextInt(LOWEST, below) : 0;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(port), 1);
                if (ISSUED.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException taken) {
                // in use by something else: try another
            }
        }
        throw new IllegalStateException("no free listening port below " + below + " after 500 attempts");
    }

    /** The lowest ephemeral port (Linux {@code net.ipv4.ip_local_port_range}), 32768 when unknown. */
    static int ephemeralLow() {
        try {
            // One line, "low high"; read by lines, as the file reports no size.
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }
}

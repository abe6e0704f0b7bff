package io.qjmkit.fencing.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A stand-in NameNode for {@link SshFenceIT}: a separate JVM that listens on a free loopback port,
 * prints {@code LISTENING <port>} and then accepts connections until it is killed.
 */
public final class PortListenerMain {
    private PortListenerMain() {}

    public static void main(String[] args) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("LISTENING " + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket accepted = server.accept();
                accepted.close();
            }
        }
    }
}

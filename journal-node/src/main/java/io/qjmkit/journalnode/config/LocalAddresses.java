package io.qjmkit.journalnode.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** Answers whether an address belongs to this host; a seam so tests can fake the interfaces. */
@FunctionalInterface
public interface LocalAddresses {
    boolean isLocal(InetAddress address);

    /** Loopback, wildcard, or assigned to one of this machine's network interfaces. */
    LocalAddresses SYSTEM = address -> {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    };
}

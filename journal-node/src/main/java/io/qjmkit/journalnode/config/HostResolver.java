package io.qjmkit.journalnode.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution as a seam, so configuration tests do not depend on the machine's DNS. */
@FunctionalInterface
public interface HostResolver {
    InetAddress resolve(String host) throws UnknownHostException;

    /** The JDK's resolver. */
    HostResolver SYSTEM = InetAddress::getByName;
}

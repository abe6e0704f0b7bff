package io.qjmkit.journalnode.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * An unresolved {@code host:port} as written in the configuration ({@code [v6]:port} for IPv6
 * literals). Parsing is strict so that a typo is caught at startup with the key that holds it.
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (host.isEmpty() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad host:port " + host + ":" + port);
        }
    }

    /**
     * Parses {@code value} of {@code key}; {@code defaultPort} is used when the port is omitted,
     * or -1 to require one.
     */
    public static HostPort parse(String key, String value, int defaultPort, String example) {
        String expected = "host:port (e.g. " + example + ")";
        String v = value.trim();
        String host;
        String portText;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                throw ConfigException.badValue(key, value, expected);
            }
            host = v.substring(1, close);
            String rest = v.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw ConfigException.badValue(key, value, expected);
            }
            portText = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = v.lastIndexOf(':');
            if (colon != v.indexOf(':')) {
                throw ConfigException.badValue(key, value, expected + "; write IPv6 addresses as [addr]:port");
            }
            host = colon < 0 ? v : v.substring(0, colon);
            portText = colon < 0 ? null : v.substring(colon + 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw ConfigException.badValue(key, value, expected);
        }
        int port;
        if (portText == null) {
            if (defaultPort < 0) {
                throw ConfigException.badValue(key, value, expected);
            }
            port = defaultPort;
        } else {
            port = parsePort(portText);
            if (port < 0) {
                throw ConfigException.badValue(key, value, expected + " with a port in 0-65535");
            }
        }
        return new HostPort(host, port);
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }

    /** Resolves the host; an unknown host is a configuration error naming {@code key}. */
    public InetSocketAddress resolve(String key, HostResolver resolver) {
        try {
            InetAddress address = resolver.resolve(host);
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) {
            throw new ConfigException(
                    key + ": unknown host '" + host + "' in '" + this + "' (use a resolvable host name or IP address)");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

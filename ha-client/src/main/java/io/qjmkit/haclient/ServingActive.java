package io.qjmkit.haclient;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The content of the {@code <parent>/<ns>/ActiveServing} znode: the NameNode that a failover
 * controller made active and that answered {@code transitionToActive}. qjm-kit's controller writes
 * it, this client reads it. A small line-based UTF-8 text (readable with {@code zkCli get}):
 *
 * <pre>
 *   qjmkit-serving/1
 *   nameservice=ns1
 *   namenode=nn1
 *   rpc=host1:8020
 * </pre>
 *
 * Unknown {@code key=value} lines are ignored, so later versions may add fields.
 *
 * @param nameserviceId e.g. {@code ns1}
 * @param namenodeId e.g. {@code nn1}, as in {@code dfs.ha.namenodes.<ns>}
 * @param rpcHost host of the NameNode's RPC address as the controller knows it
 * @param rpcPort port of that RPC address
 */
public record ServingActive(String nameserviceId, String namenodeId, String rpcHost, int rpcPort) {
    /** Name of the znode under {@code <parent>/<ns>}. */
    public static final String ZNODE_NAME = "ActiveServing";

    static final String MAGIC = "qjmkit-serving/1";

    public ServingActive {
        requireToken(nameserviceId, "nameservice");
        requireToken(namenodeId, "namenode");
        requireToken(rpcHost, "rpc host");
        if (rpcPort <= 0 || rpcPort > 65_535) {
            throw new IllegalArgumentException("ActiveServing rpc port out of range: " + rpcPort);
        }
    }

    /** {@code <parent>/<ns>/ActiveServing}; {@code parent} as in {@code ha.zookeeper.parent-znode}. */
    public static String znodePath(String parent, String nameserviceId) {
        return ("/".equals(parent) ? "" : parent) + "/" + nameserviceId + "/" + ZNODE_NAME;
    }

    public byte[] toBytes() {
        String text = MAGIC + "\nnameservice=" + nameserviceId + "\nnamenode=" + namenodeId + "\nrpc=" + rpcHost + ":"
                + rpcPort + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses {@link #toBytes()} output.
     *
     * @throws IllegalArgumentException saying what is wrong when the data is not an entry of ours
     */
    public static ServingActive parse(byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("ActiveServing znode is empty (expected a '" + MAGIC + "' entry)");
        }
        String[] lines = new String(data, StandardCharsets.UTF_8).split("\n");
        if (!MAGIC.equals(lines[0].trim())) {
            throw new IllegalArgumentException("not a qjm-kit ActiveServing entry: first line is not '" + MAGIC
                    + "' but '" + abbreviate(lines[0]) + "'");
        }
        Map<String, String> fields = ZnodeFields.afterFirstLine(lines);
        String rpc = require(fields, "rpc");
        int colon = rpc.lastIndexOf(':');
        if (colon <= 0 || colon == rpc.length() - 1) {
            throw new IllegalArgumentException("ActiveServing field rpc is not host:port: '" + rpc + "'");
        }
        int port;
        try {
            port = Integer.parseInt(rpc.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ActiveServing field rpc has a non-numeric port: '" + rpc + "'", e);
        }
        return new ServingActive(
                require(fields, "nameservice"), require(fields, "namenode"), rpc.substring(0, colon), port);
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("ActiveServing entry lacks field " + name);
        }
        return value;
    }

    private static void requireToken(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '=')) {
            throw new IllegalArgumentException("ActiveServing " + what + " must be a non-empty token: '" + value + "'");
        }
    }

    private static String abbreviate(String s) {
        String trimmed = s.strip();
        return trimmed.length() <= 40 ? trimmed : trimmed.substring(0, 40) + "...";
    }
}

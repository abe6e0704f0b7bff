package io.qjmkit.zkfc.election;

import io.qjmkit.haclient.ZnodeFields;
import io.qjmkit.zkfc.target.NameNodeRef;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The content of the breadcrumb znode: which NameNode was made active last, so the next active
 * knows whom to fence. A small line-based text form (readable with {@code zkCli get}):
 *
 * <pre>
 *   qjmkit-breadcrumb/1
 *   nameservice=ns1
 *   namenode=nn1
 *   rpc=host1:8020
 *   zkfc=8019
 * </pre>
 */
public record ActiveBreadcrumb(NameNodeRef nameNode) {
    static final String MAGIC = "qjmkit-breadcrumb/1";

    public byte[] toBytes() {
        InetSocketAddress rpc = nameNode.rpcAddress();
        String text = MAGIC + "\nnameservice=" + nameNode.nameserviceId() + "\nnamenode=" + nameNode.namenodeId()
                + "\nrpc=" + rpc.getHostString() + ":" + rpc.getPort() + "\nzkfc=" + nameNode.zkfcPort() + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses {@link #toBytes()} output.
     *
     * @throws IllegalArgumentException naming what is wrong when the data is not a breadcrumb of ours
     */
    public static ActiveBreadcrumb parse(byte[] data) {
        String[] lines = new String(data, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !MAGIC.equals(lines[0].trim())) {
            throw new IllegalArgumentException("not a qjm-kit breadcrumb (first line is not '" + MAGIC + "')");
        }
        Map<String, String> fields = ZnodeFields.afterFirstLine(lines);
        String rpc = require(fields, "rpc");
        int colon = rpc.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("breadcrumb field rpc is not host:port: " + rpc);
        }
        try {
            InetSocketAddress address =
                    new InetSocketAddress(rpc.substring(0, colon), Integer.parseInt(rpc.substring(colon + 1)));
            return new ActiveBreadcrumb(new NameNodeRef(
                    require(fields, "nameservice"),
                    require(fields, "namenode"),
                    address,
                    Integer.parseInt(require(fields, "zkfc"))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("breadcrumb has a non-numeric port: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("breadcrumb lacks field " + name);
        }
        return value;
    }
}

package io.qjmkit.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * The eight bytes each end of a journal connection sends before anything else: the magic {@code
 * qjmk} and the wire version of the build. Each end checks the other's before decoding a frame, so
 * a NameNode plugin and a JournalNode of releases whose frames differ refuse each other with an
 * error naming both versions, instead of misreading a frame. The client sends its preamble first; a
 * JournalNode answers any preamble with its own, also one of another version, so the client learns
 * the node's version even when the node is the one refusing, and never answers a peer that speaks
 * something else (a stock Hadoop IPC client would take the eight bytes for the length of a reply).
 */
public final class WirePreamble {
    /** The version of the frames and messages of this build. Raise it with any change to them. */
    public static final int VERSION = 1;
    /** Magic and version. */
    public static final int BYTES = 8;

    private static final byte[] MAGIC = {'q', 'j', 'm', 'k'};

    private WirePreamble() {}

    /** The preamble of wire version {@code version} (this build's is {@link #VERSION}). */
    public static byte[] bytes(int version) {
        return ByteBuffer.allocate(BYTES).put(MAGIC).putInt(version).array();
    }

    /** This build's preamble. */
    public static byte[] bytes() {
        return bytes(VERSION);
    }

    /** This build's preamble as a buffer for a Netty write. */
    public static ByteBuf buffer() {
        return Unpooled.wrappedBuffer(bytes());
    }

    /**
     * Null when {@code first} (at least {@link #BYTES} bytes) opens with a preamble of this build's
     * version; otherwise why the connection to {@code peer} cannot go on and what to do about it.
     */
    public static String problem(String peer, byte[] first) {
        if (first.length < BYTES) {
            throw new IllegalArgumentException("a preamble is " + BYTES + " bytes, got " + first.length);
        }
        if (!hasMagic(first)) {
            return peer + " does not open with the qjm-kit wire preamble (its first bytes are " + hex(first)
                    + "): it is a qjm-kit build from before wire versions, or not a qjm-kit journal"
                    + " endpoint; run the same qjm-kit release on the NameNodes and JournalNodes and check"
                    + " that the qjournal URI lists the JournalNodes' dfs.journalnode.rpc-address";
        }
        int version = ByteBuffer.wrap(first, MAGIC.length, 4).getInt();
        if (version != VERSION) {
            return peer + " speaks qjm-kit wire version " + version + " and this end speaks version " + VERSION
                    + ": run qjm-kit releases of the same wire version on the NameNodes and JournalNodes"
                    + " (stop the NameNodes, upgrade every JournalNode and the NameNodes' plugin, then start"
                    + " them again)";
        }
        return null;
    }

    /** Whether {@code first} opens with the magic, whatever version follows. */
    public static boolean hasMagic(byte[] first) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (first.length <= i || first[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] first) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < BYTES; i++) {
            sb.append(String.format("%02x", first[i]));
        }
        return sb.toString();
    }
}

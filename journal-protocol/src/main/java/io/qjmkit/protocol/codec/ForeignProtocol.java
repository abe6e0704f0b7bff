package io.qjmkit.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognizes, from the first bytes a peer sends, the protocols that reach a journal address by
 * mistake: Hadoop IPC (a stock QuorumJournalManager or Hadoop JournalNode where a qjm-kit one
 * belongs, or the other way round), HTTP (a JournalNode's web address used as its RPC address) and
 * TLS. Their first four bytes, read as a frame length, would otherwise surface as a meaningless
 * "frame too long"; this turns them into an error that names the mistake.
 */
public final class ForeignProtocol {
    /** Bytes needed to recognize a protocol: the length field of a qjm-kit frame. */
    public static final int PREFIX_BYTES = 4;

    private ForeignProtocol() {}

    /** The protocol a connection starting with {@code prefix} speaks, if it is a known foreign one. */
    public static Optional<String> recognize(byte[] prefix) {
        if (prefix.length < PREFIX_BYTES) {
            return Optional.empty();
        }
        String ascii = new String(prefix, 0, PREFIX_BYTES, StandardCharsets.ISO_8859_1);
        if (ascii.equals("hrpc")) {
            return Optional.of("Hadoop IPC");
        }
        if (ascii.equals("HTTP")
                || ascii.equals("GET ")
                || ascii.equals("POST")
                || ascii.equals("PUT ")
                || ascii.equals("HEAD")) {
            return Optional.of("HTTP");
        }
        if (prefix[0] == 0x16 && prefix[1] == 0x03) {
            return Optional.of("TLS");
        }
        return Optional.empty();
    }

    /** {@link #recognize(byte[])} on the first bytes readable in {@code in}, without consuming them. */
    public static Optional<String> recognize(ByteBuf in) {
        if (in.readableBytes() < PREFIX_BYTES) {
            return Optional.empty();
        }
        byte[] prefix = new byte[PREFIX_BYTES];
        in.getBytes(in.readerIndex(), prefix);
        return recognize(prefix);
    }

    /**
     * How to report a connection that closed before its peer answered anything, which is also what
     * a Hadoop JournalNode does to a qjm-kit client: {@code "closed the connection without
     * answering (<cause>): <what to check>"}; {@code cause} may be null.
     */
    public static String closedWithoutAnswering(String cause) {
        return "closed the connection without answering" + (cause == null ? "" : " (" + cause + ")")
                + ": the JournalNode stopped, or this is not a qjm-kit JournalNode's RPC address (a Hadoop"
                + " JournalNode closes a qjm-kit client's connection at once): check that the qjournal URI lists"
                + " qjm-kit JournalNodes";
    }

    /**
     * What to tell the operator when {@code peer} spoke {@code protocol}: which addresses to check.
     */
    public static String mistake(String peer, String protocol) {
        String fix =
                switch (protocol) {
                    case "Hadoop IPC" -> "a Hadoop component (a stock QuorumJournalManager, a Hadoop JournalNode)"
                            + " is configured with a qjm-kit address, or a qjm-kit one with a Hadoop JournalNode's:"
                            + " NameNodes reach qjm-kit JournalNodes only through the qjm-kit plugin"
                            + " (dfs.namenode.edits.journal-plugin.qjournal)";
                    case "HTTP" -> "an HTTP address (a JournalNode's dfs.journalnode.http-address, a web server)"
                            + " is used where a JournalNode's RPC address (dfs.journalnode.rpc-address) belongs";
                    default -> "the journal protocol is plain TCP; check that both ends name qjm-kit addresses";
                };
        return peer + " speaks " + protocol + ", not the qjm-kit journal protocol: " + fix;
    }
}

package io.qjmkit.protocol.edits;

import java.nio.ByteBuffer;

/**
 * The 8-byte header that opens every segment file: the layout version, then the layout flags
 * (Hadoop writes a count of zero flags). Hadoop's {@code EditLogFileInputStream} expects it.
 */
public final class EditsHeader {
    public static final int BYTES = 8;

    private EditsHeader() {}

    public static byte[] bytes(int layoutVersion) {
        return ByteBuffer.allocate(BYTES).putInt(layoutVersion).putInt(0).array();
    }

    /** The layout version stored in a header, or throws when the header is missing or padding. */
    public static int layoutVersion(ByteBuffer header) {
        if (header.remaining() < BYTES) {
            throw new IllegalArgumentException(
                    "segment header is truncated: " + header.remaining() + " of " + BYTES + " bytes");
        }
        int version = header.getInt(header.position());
        if (version == -1 || version >= 0) {
            throw new IllegalArgumentException("segment has no valid header (layout version " + version + ")");
        }
        return version;
    }
}

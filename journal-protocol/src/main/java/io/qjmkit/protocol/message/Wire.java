package io.qjmkit.protocol.message;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Primitive encodings shared by every message: strings, byte arrays, nullable records. */
public final class Wire {
    private Wire() {}

    public static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.writeBytes(b);
    }

    public static String readString(ByteBuf in) {
        int len = in.readInt();
        if (len < 0) {
            return null;
        }
        checkLength(in, len);
        String s = in.toString(in.readerIndex(), len, StandardCharsets.UTF_8);
        in.skipBytes(len);
        return s;
    }

    public static void writeBytes(ByteBuf out, byte[] b) {
        out.writeInt(b.length);
        out.writeBytes(b);
    }

    public static byte[] readBytes(ByteBuf in) {
        int len = in.readInt();
        checkLength(in, len);
        byte[] b = new byte[len];
        in.readBytes(b);
        return b;
    }

    public static void writeSegment(ByteBuf out, SegmentInfo s) {
        out.writeBoolean(s != null);
        if (s != null) {
            s.writeTo(out);
        }
    }

    public static SegmentInfo readSegment(ByteBuf in) {
        return in.readBoolean() ? SegmentInfo.readFrom(in) : null;
    }

    public static void writeSegments(ByteBuf out, List<SegmentInfo> segments) {
        out.writeInt(segments.size());
        for (SegmentInfo s : segments) {
            s.writeTo(out);
        }
    }

    public static List<SegmentInfo> readSegments(ByteBuf in) {
        int n = in.readInt();
        checkLength(in, n);
        List<SegmentInfo> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(SegmentInfo.readFrom(in));
        }
        return List.copyOf(list);
    }

    private static void checkLength(ByteBuf in, int len) {
        if (len < 0 || len > in.readableBytes()) {
            throw new IllegalArgumentException(
                    "malformed message: length " + len + " exceeds the " + in.readableBytes() + " bytes left");
        }
    }
}

package io.qjmkit.journalnode.journal;

import io.qjmkit.protocol.edits.EditsHeader;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Copies segments straight from other in-process journals, addressed by a made-up host:port. */
final class LocalFetcher implements SegmentFetcher {
    final Map<String, Journal> sources = new HashMap<>();

    @Override
    public Path fetch(String journalId, SegmentInfo segment, String sourceAddress, Path dir) throws IOException {
        Journal source = sources.get(sourceAddress);
        if (source == null) {
            throw new IOException("no source " + sourceAddress);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next = segment.startTxId();
        int layout = 0;
        while (next <= segment.endTxId()) {
            Responses.Edits e = source.readEdits(
                    new Requests.ReadEdits(journalId, segment.startTxId(), next, segment.endTxId(), 100));
            layout = e.layoutVersion();
            out.write(e.ops());
            next = e.lastTxId() + 1;
        }
        Path tmp = dir.resolve("fetch.tmp");
        byte[] header = EditsHeader.bytes(layout);
        byte[] body = out.toByteArray();
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        Files.write(tmp, all);
        return tmp;
    }
}

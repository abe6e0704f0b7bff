package io.qjmkit.journalnode.journal;

import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Copies a segment from another JournalNode: used by recovery (accept) and by peer sync. The
 * result is a file in {@code dir} holding the header and exactly the ops of {@code segment},
 * verified and forced; the caller installs it atomically.
 */
public interface SegmentFetcher {
    Path fetch(String journalId, SegmentInfo segment, String sourceAddress, Path dir) throws IOException;

    /** A fetcher for journals that never fetch (tests without peers). */
    SegmentFetcher NONE = (journalId, segment, source, dir) -> {
        throw new IOException(
                "journal " + journalId + ": no peer fetcher configured to copy " + segment + " from " + source);
    };
}

package io.qjmkit.journalnode.server;

import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.MessageType;
import io.qjmkit.protocol.message.Responses;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns any exception from serving a request into a {@link Responses.Failure} with a precise code. */
final class FailureMapper {
    private FailureMapper() {}

    static Responses.Failure toFailure(MessageType type, String journalId, Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof JournalException je) {
            return new Responses.Failure(type, je.code(), je.getMessage(), je.detail());
        }
        if (e instanceof IOException io) {
            if (mentionsNoSpace(io)) {
                return new Responses.Failure(
                        type,
                        ErrorCode.STORAGE_FULL,
                        "journal " + journalId + ": " + type + " failed, the disk is full (" + io.getMessage()
                                + "); nothing was acknowledged for this request; free space in"
                                + " dfs.journalnode.edits.dir",
                        0);
            }
            return new Responses.Failure(
                    type,
                    ErrorCode.IO,
                    "journal " + journalId + ": " + type + " failed with a storage error: " + io
                            + "; check the JournalNode log and its disk",
                    0);
        }
        if (e instanceof IllegalArgumentException) {
            return new Responses.Failure(
                    type, ErrorCode.INVALID, "journal " + journalId + ": " + type + ": " + e.getMessage(), 0);
        }
        return new Responses.Failure(
                type,
                ErrorCode.INTERNAL,
                "journal " + journalId + ": " + type + " failed unexpectedly: " + e + "; check the JournalNode log",
                0);
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static boolean mentionsNoSpace(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains("No space left")) {
                return true;
            }
        }
        return false;
    }
}

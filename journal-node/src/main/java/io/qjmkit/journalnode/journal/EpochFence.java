package io.qjmkit.journalnode.journal;

import io.qjmkit.journalnode.storage.JournalStorage;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.RequestInfo;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fencing state of one journal: the highest epoch promised, the epoch of the last writer,
 * the request serial within the epoch and the commit point the writer reported. A promise or a
 * writer change is durable before it takes effect; the commit point is only a hint and is
 * persisted lazily.
 */
final class EpochFence {
    private static final Logger LOG = LoggerFactory.getLogger(EpochFence.class);

    private final String journalId;
    private final JournalStorage storage;
    private volatile long promised;
    private volatile long writer;
    private volatile long committed;
    private long lastSerial = -1;

    EpochFence(String journalId, JournalStorage storage) {
        this.journalId = journalId;
        this.storage = storage;
    }

    void load() throws IOException {
        promised = storage.readLong(JournalStorage.LAST_PROMISED_EPOCH, 0);
        writer = storage.readLong(JournalStorage.LAST_WRITER_EPOCH, 0);
        committed = storage.readLongHint(JournalStorage.COMMITTED_TXID, 0);
        lastSerial = -1;
    }

    long promised() {
        return promised;
    }

    long writer() {
        return writer;
    }

    long committed() {
        return committed;
    }

    /** Durably promises never to accept an epoch below {@code epoch}. */
    void promise(long epoch) throws IOException {
        storage.writeLongDurably(JournalStorage.LAST_PROMISED_EPOCH, epoch);
        LOG.info("[{}] promised epoch {} (was {})", journalId, epoch, promised);
        promised = epoch;
        lastSerial = -1;
    }

    /** Durably records that the writer of {@code epoch} owns the journal's segments from now on. */
    void setWriter(long epoch) throws IOException {
        storage.writeLongDurably(JournalStorage.LAST_WRITER_EPOCH, epoch);
        LOG.info("[{}] last writer epoch {} -> {}", journalId, writer, epoch);
        writer = epoch;
    }

    /** Checks a request's epoch and serial, promising a newer epoch first. */
    void checkRequest(RequestInfo info) throws IOException {
        if (info.epoch() < promised) {
            throw new JournalException(
                    ErrorCode.EPOCH_FENCED,
                    "journal " + journalId + ": request epoch " + info.epoch() + " is below the promised epoch "
                            + promised + "; a newer writer has taken over, this writer must stop",
                    promised);
        }
        if (info.epoch() > promised) {
            promise(info.epoch());
        }
        if (info.ipcSerial() <= lastSerial) {
            throw new JournalException(
                    ErrorCode.INVALID,
                    "journal " + journalId + ": request serial " + info.ipcSerial() + " of epoch " + info.epoch()
                            + " is out of order (last was " + lastSerial + "); the writer must resend in order");
        }
        lastSerial = info.ipcSerial();
        if (info.committedTxId() > committed) {
            committed = info.committedTxId();
        }
    }

    /** Writes also need the epoch of the writer that started the open segment here. */
    void checkWriter(RequestInfo info) throws IOException {
        if (info.epoch() != writer) {
            throw new JournalException(
                    ErrorCode.OUT_OF_SYNC,
                    "journal " + journalId + ": write in epoch " + info.epoch() + " but this JournalNode's last"
                            + " writer epoch is " + writer + "; it missed the segment start and rejoins at the"
                            + " next segment",
                    writer);
        }
    }

    void persistCommitted() throws IOException {
        storage.writeLongLazily(JournalStorage.COMMITTED_TXID, committed);
    }
}

package io.qjmkit.journalnode.journal;

import io.qjmkit.journalnode.storage.JournalStorage;
import io.qjmkit.journalnode.storage.MetaFiles;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage upgrade of one journal the way Hadoop's JNStorage does it: pre-upgrade moves {@code
 * current/} to {@code previous.tmp/} and links its files into a fresh {@code current/}; upgrade
 * writes the new VERSION and renames {@code previous.tmp/} to {@code previous/}; finalize deletes
 * {@code previous/}; roll back puts {@code previous/} back as {@code current/}.
 */
final class UpgradeSteps {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeSteps.class);

    private final String journalId;
    private final JournalStorage storage;
    private final Path current;
    private final Path previous;
    private final Path previousTmp;
    private final Path removedTmp;

    UpgradeSteps(String journalId, JournalStorage storage) {
        this.journalId = journalId;
        this.storage = storage;
        this.current = storage.currentDir();
        this.previous = storage.journalDir().resolve("previous");
        this.previousTmp = storage.journalDir().resolve("previous.tmp");
        this.removedTmp = storage.journalDir().resolve("removed.tmp");
    }

    long run(Requests.Upgrade req) throws IOException {
        LOG.info(
                "[{}] upgrade step {} (storage {}, target layout {})",
                journalId,
                req.op(),
                req.storage(),
                req.targetLayoutVersion());
        switch (req.op()) {
            case GET_CTIME:
                return storage.namespace().cTime();
            case CAN_ROLL_BACK:
                return canRollBack() ? 1 : 0;
            case PRE_UPGRADE:
                preUpgrade();
                return 0;
            case UPGRADE:
                upgrade(req);
                return 0;
            case FINALIZE:
                storage.deleteTree(previous);
                storage.disk().syncDirectory(storage.journalDir());
                return 0;
            case ROLL_BACK:
                rollBack();
                return 0;
            default:
                throw new IllegalArgumentException("unknown upgrade step " + req.op());
        }
    }

    private boolean canRollBack() throws IOException {
        return MetaFiles.readProperties(previous.resolve(JournalStorage.VERSION)) != null;
    }

    private void preUpgrade() throws IOException {
        if (Files.exists(previous) || Files.exists(previousTmp)) {
            throw new JournalException(
                    ErrorCode.INVALID,
                    "journal " + journalId + ": cannot pre-upgrade: " + previous + " or " + previousTmp
                            + " exists; finalize or roll back the previous upgrade first");
        }
        storage.closeSegments();
        storage.disk().rename(current, previousTmp);
        storage.disk().createDirectories(current);
        List<Path> files;
        try (Stream<Path> s = Files.list(previousTmp)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path target = current.resolve(f.getFileName());
            if (f.getFileName().toString().startsWith("edits_inprogress_")) {
                // The open segment keeps growing: it must not share blocks with the backup.
                Files.copy(f, target);
                continue;
            }
            try {
                Files.createLink(target, f);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(f, target);
            }
        }
        storage.disk().syncDirectory(current);
        storage.disk().syncDirectory(storage.journalDir());
    }

    private void upgrade(Requests.Upgrade req) throws IOException {
        if (!Files.isDirectory(previousTmp)) {
            throw new JournalException(
                    ErrorCode.INVALID,
                    "journal " + journalId + ": upgrade without pre-upgrade (" + previousTmp + " is missing)");
        }
        // VERSION may be a hard link shared with previous.tmp: replace it, never write through it.
        Files.deleteIfExists(current.resolve(JournalStorage.VERSION));
        storage.writeNamespace(req.storage());
        storage.disk().rename(previousTmp, previous);
        storage.disk().syncDirectory(storage.journalDir());
    }

    private void rollBack() throws IOException {
        Properties prev = MetaFiles.readProperties(previous.resolve(JournalStorage.VERSION));
        if (prev == null) {
            throw new JournalException(
                    ErrorCode.INVALID,
                    "journal " + journalId + ": nothing to roll back to (" + previous + " has no VERSION)");
        }
        storage.closeSegments();
        storage.disk().rename(current, removedTmp);
        storage.disk().rename(previous, current);
        storage.deleteTree(removedTmp);
        storage.disk().syncDirectory(storage.journalDir());
    }
}

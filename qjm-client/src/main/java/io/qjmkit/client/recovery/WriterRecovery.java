package io.qjmkit.client.recovery;

import io.qjmkit.client.channel.ChannelSet;
import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.client.config.Timeouts;
import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this client the journal's writer (DESIGN §4.3): reads the promises of a majority, promises
 * {@code max + 1} on a majority, then recovers the newest segment those promises named so that it
 * is finalized on a majority with every acknowledged transaction in it (unless every promise already
 * names it finalized).
 */
public final class WriterRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(WriterRecovery.class);

    private final ChannelSet channels;
    private final Timeouts timeouts;
    private final NamespaceMeta namespace;
    private final String journalId;

    public WriterRecovery(ChannelSet channels, Timeouts timeouts, NamespaceMeta namespace, String journalId) {
        this.channels = channels;
        this.timeouts = timeouts;
        this.namespace = namespace;
        this.journalId = journalId;
    }

    /** Runs the whole recovery and returns the epoch now held. */
    public long run() throws IOException {
        Map<JournalChannel, Responses.JournalState> states = channels.majority(
                JournalChannel::getJournalState, timeouts.getJournalStateMs(), "getJournalState(" + journalId + ")");
        long maxPromised = 0;
        for (Responses.JournalState s : states.values()) {
            maxPromised = Math.max(maxPromised, s.lastPromisedEpoch());
        }
        long epoch = maxPromised + 1;
        Map<JournalChannel, Responses.NewEpoch> promises = channels.majority(
                c -> c.newEpoch(namespace, epoch),
                timeouts.newEpochMs(),
                "newEpoch(" + epoch + ") of journal " + journalId);
        channels.setEpoch(epoch);
        LOG.info("Journal {}: became the writer in epoch {} on {}", journalId, epoch, promises.keySet());

        SegmentInfo newest = null;
        for (Responses.NewEpoch p : promises.values()) {
            SegmentInfo s = p.lastSegment();
            if (s != null && (newest == null || s.startTxId() > newest.startTxId())) {
                newest = s;
            }
        }
        if (newest == null) {
            LOG.info("Journal {} epoch {}: no segment to recover", journalId, epoch);
        } else if (finalizedOnAll(promises.values(), newest)) {
            LOG.info(
                    "Journal {} epoch {}: newest segment {} is finalized on {}; nothing to recover",
                    journalId,
                    epoch,
                    newest,
                    promises.keySet());
        } else {
            recoverSegment(epoch, newest.startTxId());
        }
        return epoch;
    }

    /**
     * Whether every promise names {@code newest} as its newest segment, finalized. A finalized
     * segment is never changed and always wins recovery, and a newer segment holding an acknowledged
     * txid would be on a majority, so on one of these: the segment's content is already decided and a
     * prepare/accept round would only write the same value again. This is the case after a graceful
     * failover, where the old writer finalized before stepping down. A node outside this majority
     * that missed the finalize is repaired by its own peer sync.
     */
    static boolean finalizedOnAll(Iterable<Responses.NewEpoch> promises, SegmentInfo newest) {
        if (newest.inProgress()) {
            return false;
        }
        for (Responses.NewEpoch p : promises) {
            if (!newest.equals(p.lastSegment())) {
                return false;
            }
        }
        return true;
    }

    private void recoverSegment(long epoch, long segmentTxId) throws IOException {
        LOG.info("Journal {} epoch {}: recovering segment {}", journalId, epoch, segmentTxId);
        Map<JournalChannel, Responses.Prepared> prepared = channels.majority(
                c -> c.prepareRecovery(segmentTxId),
                timeouts.prepareRecoveryMs(),
                "prepareRecovery(" + segmentTxId + ") in epoch " + epoch);
        Optional<RecoveryChoice.Chosen<JournalChannel>> choice;
        try {
            choice = RecoveryChoice.choose(segmentTxId, prepared);
        } catch (IllegalStateException e) {
            throw new IOException(
                    "Journal " + journalId + " epoch " + epoch + ": cannot recover segment " + segmentTxId + ": "
                            + e.getMessage() + ". Check the JournalNodes' storage.",
                    e);
        }
        if (choice.isEmpty()) {
            LOG.info(
                    "Journal {} epoch {}: no JournalNode of {} holds segment {}; nothing to recover",
                    journalId,
                    epoch,
                    prepared.keySet(),
                    segmentTxId);
            return;
        }
        SegmentInfo chosen = choice.get().segment();
        String source = choice.get().source().address();
        long sourceEpoch = RecoveryChoice.sourceEpoch(choice.get());
        LOG.info(
                "Journal {} epoch {}: segment {} recovers to {} from {} (answers: {})",
                journalId,
                epoch,
                segmentTxId,
                chosen,
                source,
                prepared);
        channels.majority(
                c -> c.acceptRecovery(chosen, source, sourceEpoch),
                timeouts.acceptRecoveryMs(),
                "acceptRecovery(" + chosen + " from " + source + ") in epoch " + epoch);
        if (chosen.isEmpty()) {
            LOG.info("Journal {} epoch {}: segment {} held no txns and is removed", journalId, epoch, segmentTxId);
            return;
        }
        channels.majority(
                c -> c.finalizeSegment(chosen.startTxId(), chosen.endTxId()),
                timeouts.finalizeSegmentMs(),
                "finalizeSegment(" + chosen.startTxId() + "-" + chosen.endTxId() + ") in epoch " + epoch);
        LOG.info(
                "Journal {} epoch {}: segment {} finalized at txid {}",
                journalId,
                epoch,
                segmentTxId,
                chosen.endTxId());
    }
}

package io.qjmkit.journalnode.status;

import io.qjmkit.protocol.message.SegmentInfo;
import java.util.List;

/**
 * A point-in-time view of one journal for the status endpoint: its fencing state, its segments
 * and how far it has durably written compared with the writer's commit point.
 *
 * @param journalId the journal
 * @param state the journal's lifecycle state, as its enum name
 * @param namespace the recorded namespace ("" when unformatted)
 * @param promisedEpoch the highest epoch promised
 * @param writerEpoch the epoch of the last writer
 * @param committedTxId the commit point the writer last reported
 * @param lastDurableTxId the last txid on stable storage here
 * @param currentSegment the open segment, or null
 * @param segments every segment held, oldest first
 */
public record JournalStatus(
        String journalId,
        String state,
        String namespace,
        long promisedEpoch,
        long writerEpoch,
        long committedTxId,
        long lastDurableTxId,
        SegmentInfo currentSegment,
        List<SegmentInfo> segments) {

    /** How many committed transactions this node does not hold yet (0 when caught up). */
    public long lag() {
        return Math.max(0, committedTxId - lastDurableTxId);
    }
}

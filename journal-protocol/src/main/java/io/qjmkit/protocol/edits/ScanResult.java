package io.qjmkit.protocol.edits;

/**
 * What a scan of op frames found: how many bytes hold valid ops, how many ops and which txids
 * ({@code -1} when none), and why it stopped.
 */
public record ScanResult(int validBytes, int opCount, long firstTxId, long lastTxId, End end, String problem) {

    /** Why the scan stopped. */
    public enum End {
        /** The buffer ended exactly after an op. */
        CLEAN,
        /** Pre-allocation padding follows the last op. */
        PADDING,
        /** The last op is incomplete: a write that never finished. */
        TORN,
        /** An op failed its checksum or length check, or broke the txid sequence. */
        CORRUPT
    }

    public boolean intact() {
        return end == End.CLEAN || end == End.PADDING;
    }
}

package io.qjmkit.journalnode.storage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hadoop's segment file names: {@code edits_inprogress_<start>} while open and {@code
 * edits_<start>-<end>} once finalized, txids zero-padded to 19 digits.
 *
 * @param startTxId first txid of the segment
 * @param endTxId last txid, or -1 while in progress
 */
public record SegmentName(long startTxId, long endTxId) {
    private static final Pattern IN_PROGRESS = Pattern.compile("edits_inprogress_(\\d{19})");
    private static final Pattern FINALIZED = Pattern.compile("edits_(\\d{19})-(\\d{19})");

    public static SegmentName inProgress(long startTxId) {
        return new SegmentName(startTxId, -1);
    }

    public static SegmentName finalized(long startTxId, long endTxId) {
        return new SegmentName(startTxId, endTxId);
    }

    public boolean isInProgress() {
        return endTxId < 0;
    }

    public String fileName() {
        return isInProgress()
                ? String.format("edits_inprogress_%019d", startTxId)
                : String.format("edits_%019d-%019d", startTxId, endTxId);
    }

    /** The segment a file name denotes, or null for any other file (temp, corrupt, meta). */
    public static SegmentName parse(String fileName) {
        Matcher m = IN_PROGRESS.matcher(fileName);
        if (m.matches()) {
            return inProgress(Long.parseLong(m.group(1)));
        }
        m = FINALIZED.matcher(fileName);
        if (m.matches()) {
            return finalized(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        return null;
    }

    @Override
    public String toString() {
        return fileName();
    }
}

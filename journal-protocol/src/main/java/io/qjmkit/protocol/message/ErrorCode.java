package io.qjmkit.protocol.message;

/**
 * Why a JournalNode refused or failed a request. The client maps each to a precise exception;
 * {@link #hint()} tells the operator what to do about it.
 */
public enum ErrorCode {
    NONE(0, ""),
    NOT_FORMATTED(1, "format the journal (hdfs namenode -format or -initializeSharedEdits)"),
    NAMESPACE_MISMATCH(2, "the JournalNode stores another namespace; check dfs.namenode.shared.edits.dir"),
    EPOCH_FENCED(3, "another writer has taken over; this writer must stop"),
    OUT_OF_SYNC(4, "the JournalNode lags this writer and must catch up"),
    GAP(5, "the JournalNode misses earlier transactions of this segment; resend from its last txid"),
    NO_SEGMENT(6, "no such segment on this JournalNode"),
    ALREADY_FORMATTED(7, "the journal already holds data; format with force to overwrite"),
    CORRUPT(8, "the stored edits are damaged; the JournalNode will refill them from its peers"),
    STORAGE_FULL(9, "free space in dfs.journalnode.edits.dir"),
    IO(10, "the JournalNode's storage failed; check its log and disk"),
    INVALID(11, "the request is malformed or out of order"),
    INTERNAL(12, "unexpected JournalNode error; check its log");

    private static final ErrorCode[] BY_ID = new ErrorCode[13];

    static {
        for (ErrorCode c : values()) {
            BY_ID[c.id] = c;
        }
    }

    private final int id;
    private final String hint;

    ErrorCode(int id, String hint) {
        this.id = id;
        this.hint = hint;
    }

    public int id() {
        return id;
    }

    public String hint() {
        return hint;
    }

    public static ErrorCode byId(int id) {
        if (id < 0 || id >= BY_ID.length || BY_ID[id] == null) {
            return INTERNAL;
        }
        return BY_ID[id];
    }
}

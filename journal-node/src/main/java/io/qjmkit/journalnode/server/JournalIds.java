package io.qjmkit.journalnode.server;

import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import java.util.regex.Pattern;

/** Journal ids become directory names: only letters, digits, '-', '_' and '.' are allowed. */
final class JournalIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    private JournalIds() {}

    static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    static void check(String id) throws JournalException {
        if (!isValid(id)) {
            throw new JournalException(
                    ErrorCode.INVALID,
                    "journal id '" + id + "' is invalid: use letters, digits, '-', '_' and '.' only (it names a"
                            + " directory); check the journal id in dfs.namenode.shared.edits.dir");
        }
    }
}

package io.qjmkit.haclient;

import java.util.HashMap;
import java.util.Map;

/**
 * The body of qjm-kit's small text znodes (the controllers' breadcrumb and the serving entry): a
 * format line, then {@code key=value} lines. One reader, so both stay the same format.
 */
public final class ZnodeFields {
    private ZnodeFields() {}

    /** The {@code key=value} pairs of {@code lines} after the first; lines without '=' are skipped. */
    public static Map<String, String> afterFirstLine(String[] lines) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }
}

package io.qjmkit.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes a {@link Measurement} as one flat JSON object per line and parses it back. Hand-written
 * to keep the benchmark free of extra dependencies; handles exactly flat objects of strings and
 * numbers (NaN is written as {@code null}), which is all the raw file holds.
 */
public final class JsonLines {
    private JsonLines() {}

    public static String encode(Measurement m) {
        StringBuilder b = new StringBuilder(200).append('{');
        string(b, "impl", m.impl()).append(',');
        b.append("\"rep\":").append(m.rep()).append(',');
        string(b, "scenario", m.scenario()).append(',');
        string(b, "metric", m.metric()).append(',');
        string(b, "unit", m.unit()).append(',');
        string(b, "better", m.better()).append(',');
        number(b, "value", m.value()).append(',');
        number(b, "load1", m.load1()).append(',');
        number(b, "stealPct", m.stealPct()).append(',');
        string(b, "time", m.time());
        return b.append('}').toString();
    }

    public static Measurement decode(String line) {
        Map<String, String> f = parseFlat(line);
        try {
            return new Measurement(
                    required(f, "impl"),
                    Integer.parseInt(required(f, "rep")),
                    required(f, "scenario"),
                    required(f, "metric"),
                    required(f, "unit"),
                    required(f, "better"),
                    num(required(f, "value")),
                    num(f.get("load1")),
                    num(f.get("stealPct")),
                    f.getOrDefault("time", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in raw line: " + line, e);
        }
    }

    private static String required(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException("raw line has no '" + key + "': " + f);
        }
        return v;
    }

    private static double num(String v) {
        return v == null || v.equals("null") ? Double.NaN : Double.parseDouble(v);
    }

    private static StringBuilder string(StringBuilder b, String key, String value) {
        b.append('"').append(key).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    private static StringBuilder number(StringBuilder b, String key, double value) {
        b.append('"').append(key).append("\":");
        return Double.isFinite(value) ? b.append(value) : b.append("null");
    }

    /** Parses {@code {"k":"v","n":1.5,...}} into raw values (strings unescaped, numbers as text). */
    static Map<String, String> parseFlat(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        String s = line.trim();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object: " + line);
        }
        int[] pos = {1};
        skipSpace(s, pos);
        while (s.charAt(pos[0]) != '}') {
            String key = readString(s, pos);
            skipSpace(s, pos);
            expect(s, pos, ':');
            skipSpace(s, pos);
            String value = s.charAt(pos[0]) == '"' ? readString(s, pos) : readBare(s, pos);
            out.put(key, value);
            skipSpace(s, pos);
            if (s.charAt(pos[0]) == ',') {
                pos[0]++;
                skipSpace(s, pos);
            }
        }
        return out;
    }

    private static String readString(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(pos[0]++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(pos[0]++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                    pos[0] += 4;
                }
                default -> b.append(e);
            }
        }
    }

    private static String readBare(String s, int[] pos) {
        int start = pos[0];
        while (pos[0] < s.length() && ",} \t".indexOf(s.charAt(pos[0])) < 0) {
            pos[0]++;
        }
        return s.substring(start, pos[0]);
    }

    private static void expect(String s, int[] pos, char c) {
        if (s.charAt(pos[0]) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos[0] + " in: " + s);
        }
        pos[0]++;
    }

    private static void skipSpace(String s, int[] pos) {
        while (Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }
}

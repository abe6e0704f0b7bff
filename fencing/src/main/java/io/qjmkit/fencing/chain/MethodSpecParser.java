package io.qjmkit.fencing.chain;

import io.qjmkit.fencing.FencingConfigException;
import io.qjmkit.fencing.FencingKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits {@code dfs.ha.fencing.methods} into {@link MethodSpec}s. Blank lines and lines starting
 * with {@code #} are ignored, as is a {@code #} comment after {@code sshfence}. A {@code shell}
 * argument runs to the last {@code )} of its line so commands may contain parentheses; only a
 * {@code #} comment may follow that parenthesis.
 */
public final class MethodSpecParser {
    /** The forms we accept, quoted in every error. */
    public static final String EXPECTED_FORMS =
            "one method per line, each one of: sshfence, sshfence(user), sshfence(user:port),"
                    + " sshfence(:port), shell(command)";

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_.$]+)\\s*(.*)", Pattern.DOTALL);
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s*(#.*)?");

    private MethodSpecParser() {}

    /**
     * Parses the value of {@code dfs.ha.fencing.methods}.
     *
     * @param value the configured value, possibly null
     * @return the methods in configured order, never empty
     * @throws FencingConfigException when the value is missing, empty, or has an entry we do not
     *     understand
     */
    public static List<MethodSpec> parse(String value) throws FencingConfigException {
        List<MethodSpec> specs = new ArrayList<>();
        if (value != null) {
            for (String rawLine : value.split("\\R")) {
                String line = rawLine.trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    specs.add(parseEntry(line));
                }
            }
        }
        if (specs.isEmpty()) {
            throw new FencingConfigException(FencingKeys.METHODS
                    + " is not set or has no method: a failover controller must not run without"
                    + " fencing. Set it to " + EXPECTED_FORMS + " (e.g. sshfence, or shell(/bin/true)"
                    + " if fencing is truly done elsewhere)");
        }
        return List.copyOf(specs);
    }

    private static MethodSpec parseEntry(String line) throws FencingConfigException {
        Matcher m = NAME.matcher(line);
        if (!m.matches()) {
            throw malformed(line, "it does not start with a method name");
        }
        String name = m.group(1);
        String rest = m.group(2);
        MethodSpec.Kind kind = kindOf(name, line);
        String argument;
        if (rest.startsWith("(")) {
            int close = rest.lastIndexOf(')');
            if (close < 0) {
                throw malformed(line, "the '(' has no closing ')'");
            }
            argument = rest.substring(1, close).trim();
            String after = rest.substring(close + 1);
            if (!TRAILING_COMMENT.matcher(after).matches()) {
                throw malformed(line, "unexpected text after ')': '" + after.trim() + "'");
            }
        } else if (TRAILING_COMMENT.matcher(rest).matches()) {
            argument = "";
        } else {
            throw malformed(line, "unexpected text after the method name: '" + rest + "'");
        }
        if (kind == MethodSpec.Kind.SHELL && argument.isEmpty()) {
            throw malformed(line, "shell needs a command between the parentheses");
        }
        return new MethodSpec(kind, argument, line);
    }

    private static MethodSpec.Kind kindOf(String name, String line) throws FencingConfigException {
        for (MethodSpec.Kind kind : MethodSpec.Kind.values()) {
            if (kind.configName().equals(name)) {
                return kind;
            }
        }
        String reason = name.contains(".")
                ? "custom fence method classes such as '" + name + "' are not supported"
                : "unknown fence method '" + name + "'";
        throw malformed(line, reason);
    }

    /** The error for an entry of {@code dfs.ha.fencing.methods}; used by the methods' own parsers. */
    public static FencingConfigException malformed(String entry, String reason) {
        return new FencingConfigException(
                FencingKeys.METHODS + ": cannot use entry '" + entry + "': " + reason + ". Expected " + EXPECTED_FORMS);
    }
}

package io.qjmkit.journalnode.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code -D key=value} (or {@code -Dkey=value}) options of a command line, as Hadoop's generic
 * options parser accepts them; everything else is returned untouched, in order.
 *
 * @param overrides the keys set on the command line, last one wins
 * @param remaining the other arguments
 */
public record GenericOptions(Map<String, String> overrides, List<String> remaining) {

    public GenericOptions {
        overrides = Map.copyOf(overrides);
        remaining = List.copyOf(remaining);
    }

    public static GenericOptions parse(List<String> args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String definition;
            if (arg.equals("-D")) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException(
                            "-D: missing key=value after -D (e.g. -D dfs.journalnode.rpc-address=0.0.0.0:8485)");
                }
                definition = args.get(++i);
            } else if (arg.startsWith("-D")) {
                definition = arg.substring(2);
            } else {
                remaining.add(arg);
                continue;
            }
            int eq = definition.indexOf('=');
            if (eq <= 0) {
                throw ConfigException.badValue(
                        "-D", definition, "key=value (e.g. -D dfs.journalnode.rpc-address=0.0.0.0:8485)");
            }
            overrides.put(definition.substring(0, eq).trim(), definition.substring(eq + 1));
        }
        return new GenericOptions(overrides, remaining);
    }
}

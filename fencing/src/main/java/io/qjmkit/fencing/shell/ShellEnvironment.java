package io.qjmkit.fencing.shell;

import io.qjmkit.fencing.FenceTarget;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The environment a {@code shell(...)} command gets, following Hadoop's convention: every
 * configuration entry with dots and dashes turned into underscores, then the fenced NameNode as
 * {@code target_host}, {@code target_port}, {@code target_address}, {@code target_nameserviceid}
 * and {@code target_namenodeid} (these win over a configuration key of the same name). Keys that
 * would not be valid variable names even then are left out.
 */
public final class ShellEnvironment {
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ShellEnvironment() {}

    /** The variables for fencing {@code target}, sorted by name. */
    public static Map<String, String> of(Configuration conf, FenceTarget target) {
        Map<String, String> env = new TreeMap<>();
        for (Map.Entry<String, String> entry : conf) {
            String name = entry.getKey().replace('.', '_').replace('-', '_');
            if (VALID_NAME.matcher(name).matches() && entry.getValue() != null) {
                env.put(name, entry.getValue());
            }
        }
        env.put("target_host", target.host());
        env.put("target_port", Integer.toString(target.port()));
        env.put("target_address", target.address());
        env.put("target_nameserviceid", target.nameserviceId());
        env.put("target_namenodeid", target.namenodeId());
        return env;
    }
}

package io.qjmkit.journalnode.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hadoop-style configuration read from {@code core-site.xml} then {@code hdfs-site.xml} of a conf
 * directory ({@code $HADOOP_CONF_DIR}), without Hadoop jars: the JournalNode must not carry
 * Hadoop's classpath. Follows Hadoop's rules: later files override earlier ones unless the earlier
 * value is {@code <final>}; {@code -D} overrides always win; {@code ${var}} expands from system
 * properties, then other keys, and {@code ${env.NAME}} (with {@code :-default} / {@code -default})
 * from the environment; an unbound variable stays literal.
 */
public final class HadoopXmlConfig {
    private static final Logger LOG = LoggerFactory.getLogger(HadoopXmlConfig.class);

    /** The site files read from a conf directory, in override order. */
    public static final List<String> SITE_FILES = List.of("core-site.xml", "hdfs-site.xml");

    private static final int MAX_SUBSTITUTIONS = 20;

    private final Map<String, String> raw;
    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;

    private HadoopXmlConfig(
            Map<String, String> raw, UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        this.raw = Collections.unmodifiableMap(raw);
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /**
     * Loads the site files of {@code confDir} (a missing file is skipped, a missing directory is an
     * error) and applies {@code overrides} on top, expanding from the real JVM and environment.
     */
    public static HadoopXmlConfig fromConfDir(Path confDir, Map<String, String> overrides) {
        if (!Files.isDirectory(confDir)) {
            throw new ConfigException("HADOOP_CONF_DIR: '" + confDir
                    + "' is not a directory (point it at the directory holding core-site.xml and hdfs-site.xml)");
        }
        List<Path> files = new ArrayList<>();
        for (String name : SITE_FILES) {
            Path file = confDir.resolve(name);
            if (Files.isRegularFile(file)) {
                files.add(file);
            } else {
                LOG.debug("{} not found; using defaults for its keys", file);
            }
        }
        return fromFiles(files, overrides, System::getProperty, System::getenv);
    }

    /** Loads {@code files} in order, then {@code overrides}; variables expand from the given lookups. */
    public static HadoopXmlConfig fromFiles(
            List<Path> files,
            Map<String, String> overrides,
            UnaryOperator<String> systemProperties,
            UnaryOperator<String> environment) {
        Map<String, String> merged = new LinkedHashMap<>();
        Map<String, Path> finalIn = new LinkedHashMap<>();
        for (Path file : files) {
            Set<String> finalHere = new HashSet<>();
            for (SiteXmlReader.Property p : SiteXmlReader.read(file)) {
                Path finalSource = finalIn.get(p.name());
                if (finalSource != null && !p.value().equals(merged.get(p.name()))) {
                    LOG.warn("{}: ignoring '{}': the key is final in {}", file, p.name(), finalSource.getFileName());
                    continue;
                }
                merged.put(p.name(), p.value());
                if (p.isFinal()) {
                    finalHere.add(p.name());
                }
            }
            finalHere.forEach(name -> finalIn.putIfAbsent(name, file));
        }
        merged.putAll(overrides);
        return new HadoopXmlConfig(merged, systemProperties, environment);
    }

    /** The expanded value of {@code key}, or null when unset. */
    public String get(String key) {
        return expand(key, raw.get(key));
    }

    /** The expanded value of {@code key}, or {@code defaultValue} when unset. */
    public String get(String key, String defaultValue) {
        String v = get(key);
        return v == null ? defaultValue : v;
    }

    /** The value as written, before variable expansion. */
    public String getRaw(String key) {
        return raw.get(key);
    }

    /** Every key with its expanded value, in load order. */
    public Map<String, String> toMap() {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, expand(k, v)));
        return out;
    }

    private String expand(String key, String expr) {
        if (expr == null) {
            return null;
        }
        String eval = expr;
        for (int round = 0; round < MAX_SUBSTITUTIONS; round++) {
            int close = eval.indexOf('}');
            int open = close < 0 ? -1 : eval.lastIndexOf("${", close);
            while (close >= 0 && open < 0) {
                close = eval.indexOf('}', close + 1);
                open = close < 0 ? -1 : eval.lastIndexOf("${", close);
            }
            if (open < 0 || close - open < 3) {
                return eval;
            }
            String var = eval.substring(open + 2, close);
            String value = lookup(var);
            if (value == null) {
                return eval;
            }
            String reference = "${" + var + "}";
            if (value.contains(reference)) {
                return expr;
            }
            eval = eval.substring(0, open) + value + eval.substring(close + 1);
        }
        throw new ConfigException(key + ": expanding '" + expr + "' is nested more than " + MAX_SUBSTITUTIONS
                + " levels deep (check for ${...} cycles)");
    }

    private String lookup(String var) {
        String value = null;
        if (var.startsWith("env.") && var.length() > 4) {
            value = envWithDefault(var.substring(4));
        } else {
            value = systemProperties.apply(var);
        }
        return value != null ? value : raw.get(var);
    }

    /** {@code NAME}, {@code NAME:-fallback} (also when empty) or {@code NAME-fallback} (only when unset). */
    private String envWithDefault(String spec) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return environment.apply(spec);
        }
        if (dash > 0 && spec.charAt(dash - 1) == ':') {
            String v = environment.apply(spec.substring(0, dash - 1));
            return v == null || v.isEmpty() ? spec.substring(dash + 1) : v;
        }
        String v = environment.apply(spec.substring(0, dash));
        return v == null ? spec.substring(dash + 1) : v;
    }
}

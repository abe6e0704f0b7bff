package io.qjmkit.bench.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags every JournalNode gets, whichever kind: the ones Hadoop 3.5.0 uses on JDK 17
 * (DESIGN.md section 9, each module spelled out) plus the same heap limit, so neither side is
 * measured with a JVM the other does not get.
 */
public final class JvmFlags {
    private static final String[] OPENS = {
        "java.io",
        "java.lang",
        "java.lang.reflect",
        "java.math",
        "java.net",
        "java.text",
        "java.util",
        "java.util.concurrent",
        "java.util.zip",
        "sun.security.util",
        "sun.security.x509"
    };

    private JvmFlags() {}

    /** The flags in a short readable form, for reports. */
    public static String summary() {
        List<String> rest = journalNode().stream()
                .filter(f -> !f.startsWith("--add-opens="))
                .toList();
        return "the JDK 17 flags of DESIGN.md section 9 (" + OPENS.length + " `--add-opens=java.base/...=ALL-UNNAMED`)"
                + " plus `" + String.join(" ", rest) + "`";
    }

    public static List<String> journalNode() {
        List<String> flags = new ArrayList<>();
        flags.add("-XX:+IgnoreUnrecognizedVMOptions");
        for (String pkg : OPENS) {
            flags.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
        flags.add("--enable-native-access=ALL-UNNAMED");
        flags.add("-Djava.net.preferIPv4Stack=true");
        flags.add("-Xmx512m");
        return flags;
    }
}

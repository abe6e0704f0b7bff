package io.qjmkit.bench.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built qjm-kit distribution ({@code dist/target/qjm-kit-VERSION/}): {@code lib/journalnode} is
 * our JournalNode's classpath, {@code lib/hadoop} the Hadoop runtime including Hadoop's own
 * JournalNode, and {@code share/qjm-kit/webapps-root} the web resources Hadoop's JournalNode HTTP
 * server needs (missing from the Maven Central jar).
 */
public record Distribution(Path root) {

    /** Checks the layout, failing with what to build if a part is missing. */
    public static Distribution at(Path root) {
        for (String part :
                new String[] {"lib/journalnode", "lib/hadoop", "share/qjm-kit/webapps-root/webapps/journal"}) {
            if (!Files.isDirectory(root.resolve(part))) {
                throw new IllegalArgumentException("distribution at " + root + " has no " + part
                        + "; build it with 'mvn -B -q package -DskipTests' (or bench/run.sh), or pass --dist <dir>");
            }
        }
        return new Distribution(root.toAbsolutePath());
    }

    public String journalNodeClasspath() {
        return root.resolve("lib/journalnode") + "/*";
    }

    public String hadoopClasspath() {
        return root.resolve("share/qjm-kit/webapps-root") + java.io.File.pathSeparator + root.resolve("lib/hadoop")
                + "/*";
    }
}

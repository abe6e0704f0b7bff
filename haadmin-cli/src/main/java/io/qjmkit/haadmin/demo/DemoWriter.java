package io.qjmkit.haadmin.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writing client of {@code bin/qjm-demo}, one JVM instead of one per {@code hdfs dfs} call.
 *
 * <pre>
 *   DemoWriter write  &lt;ack-file&gt; &lt;stop-file&gt; &lt;hdfs-dir&gt;   mkdirs in a loop until stop-file exists
 *   DemoWriter verify &lt;ack-file&gt;                          checks every acknowledged directory exists
 * </pre>
 *
 * It uses the HA client of {@code fs.defaultFS} from {@code HADOOP_CONF_DIR}; a failed call is
 * retried with the same path and is not recorded. Both modes print a one-line summary; {@code
 * verify} exits 1 when an acknowledged directory is missing.
 */
public final class DemoWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DemoWriter.class);

    private DemoWriter() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, new HdfsConfiguration(), System.out));
    }

    static int run(String[] args, Configuration conf, PrintStream out) throws Exception {
        if (args.length == 4 && "write".equals(args[0])) {
            try (FileSystem fs = FileSystem.newInstance(conf)) {
                return write(fs, Path.of(args[1]), Path.of(args[2]), args[3], out);
            }
        }
        if (args.length == 2 && "verify".equals(args[0])) {
            try (FileSystem fs = FileSystem.newInstance(conf)) {
                return verify(fs, Path.of(args[1]), out);
            }
        }
        System.err.println("usage: DemoWriter write <ack-file> <stop-file> <hdfs-dir> | verify <ack-file>");
        return 2;
    }

    static int write(FileSystem fs, Path ackFile, Path stopFile, String dir, PrintStream out) throws IOException {
        long errors = 0;
        try (AckLog log = new AckLog(ackFile)) {
            for (long i = 0; !Files.exists(stopFile); ) {
                String path = dir + "/d" + i;
                try {
                    if (fs.mkdirs(new org.apache.hadoop.fs.Path(path))) {
                        log.record(new AckLog.Ack(System.currentTimeMillis(), path));
                        i++;
                    }
                } catch (IOException e) {
                    // Not acknowledged: retry the same path (mkdirs is idempotent).
                    errors++;
                    LOG.warn("mkdirs {} failed, retrying: {}", path, e.toString());
                }
            }
        }
        List<AckLog.Ack> acks = AckLog.read(ackFile);
        AckLog.Gap gap = AckLog.longestGap(acks);
        out.printf(
                "writer: %d directories acknowledged, %d failed calls retried, longest gap between acks %d ms%n",
                acks.size(), errors, gap.millis());
        return 0;
    }

    static int verify(FileSystem fs, Path ackFile, PrintStream out) throws IOException {
        List<AckLog.Ack> acks = AckLog.read(ackFile);
        long missing = 0;
        for (AckLog.Ack ack : acks) {
            if (!fs.exists(new org.apache.hadoop.fs.Path(ack.path()))) {
                missing++;
                out.println(
                        "verify: MISSING acknowledged directory " + ack.path() + " (acked at " + ack.atMillis() + ")");
            }
        }
        out.printf("verify: %d of %d acknowledged directories present%n", acks.size() - missing, acks.size());
        return missing == 0 ? 0 : 1;
    }
}

package io.qjmkit.haadmin;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.hdfs.tools.DFSHAAdmin;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * The main class of {@code bin/haadmin}, compatible with {@code hdfs haadmin} (DESIGN.md section 6).
 *
 * <p>It does not re-implement Hadoop's admin tool: {@link ToolRunner} parses Hadoop's generic
 * options ({@code -D k=v}, {@code -conf}) exactly as for {@code hdfs haadmin}, and every command is
 * then run by Hadoop's public {@link DFSHAAdmin} on that configuration ({@code -transitionToActive},
 * {@code -transitionToStandby}, {@code -transitionToObserver}, {@code -failover} with its
 * automatic-failover rules and the controllers' {@code gracefulFailover}, {@code --forcemanual},
 * {@code -getServiceState}, {@code -getAllServiceState}, {@code -checkHealth}, {@code -help}, {@code
 * -ns}, and every error message). Syntax, output and exit codes are therefore Hadoop 3.5.0's by
 * construction; the integration tests compare both tools on a running cluster.
 *
 * <p>The only addition is the {@code --json} form of the read-only commands ({@link JsonRequest}),
 * run by {@link JsonCommand}. A malformed {@code --json} command goes to {@code DFSHAAdmin} too, so
 * it fails with Hadoop's own message.
 */
public final class HaAdminMain extends Configured implements Tool {
    private final Function<Configuration, ServiceProbe> probes;
    private final PrintStream out;

    /** The production wiring: Hadoop RPC, standard output. */
    public HaAdminMain() {
        this(HadoopServiceProbe::new, System.out);
    }

    HaAdminMain(Function<Configuration, ServiceProbe> probes, PrintStream out) {
        this.probes = probes;
        this.out = out;
    }

    /** Runs one command and exits with its code ({@code -1} becomes 255, as for {@code hdfs haadmin}). */
    public static void main(String[] argv) throws Exception {
        System.exit(ToolRunner.run(new HaAdminMain(), argv));
    }

    /** Called by {@link ToolRunner} with the arguments left after the generic options. */
    @Override
    public int run(String[] args) throws Exception {
        Optional<JsonRequest> json = JsonRequest.parse(args);
        if (json.isPresent()) {
            return new JsonCommand(probes.apply(getConf()), out).run(json.get());
        }
        // What ToolRunner.run(new DFSHAAdmin(), argv) does after parsing the generic options.
        DFSHAAdmin admin = new DFSHAAdmin();
        admin.setConf(getConf());
        return admin.run(args);
    }
}

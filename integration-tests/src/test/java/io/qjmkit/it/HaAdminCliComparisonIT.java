package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.testkit.process.DistProcesses;
import io.qjmkit.testkit.process.HaClusterOptions;
import io.qjmkit.testkit.process.HaProcessCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/haadmin} against Hadoop's {@code bin/hdfs haadmin} (stock DFSHAAdmin) on the same
 * running cluster with automatic failover on: for every command, good and bad, both print the same
 * standard output and standard error (log lines aside, they carry timestamps) and exit with the
 * same code. State-changing commands are the refused ones (automatic failover is on); the graceful
 * {@code -failover} is compared in {@link GracefulFailoverIT}.
 */
class HaAdminCliComparisonIT extends WithHaProcessCluster {
    /** log4j's ISO8601 time, as in "2024-01-01 12:00:00,123 ERROR ha.HAAdmin: Aborted". */
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}");

    /** Stack frames under a logged exception. */
    private static final Pattern STACK_LINE = Pattern.compile("^\\s+at .*$");

    private record Case(String stdin, List<String> args) {}

    private static Case c(String... args) {
        return new Case("", List.of(args));
    }

    /** The output with log timestamps blanked and stack frames dropped. */
    private static String normalized(String text) {
        return text.lines()
                .filter(l -> !STACK_LINE.matcher(l).matches())
                .map(l -> TIME.matcher(l).replaceAll("<time>"))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void everyCommandPrintsAndExitsLikeHdfsHaadmin() throws Exception {
        cluster = HaProcessCluster.start("cli-compare", new HaClusterOptions());
        int active = cluster.active().orElseThrow();
        String a = HaProcessCluster.id(active);
        String s = HaProcessCluster.id(HaProcessCluster.other(active));
        List<Case> cases = List.of(
                c(),
                c("-help"),
                c("-help", "failover"),
                c("-help", "bogus"),
                c("-bogus"),
                c("getServiceState", a),
                c("-getServiceState", a),
                c("-getServiceState"),
                c("-getServiceState", a, s),
                c("-getServiceState", "nn9"),
                c("-getAllServiceState"),
                c("-ns", HaProcessCluster.NS, "-getAllServiceState"),
                c("-ns"),
                c("-ns", HaProcessCluster.NS),
                c("-checkHealth", a),
                c("-checkHealth"),
                c("-D", "ha.failover-controller.cli-check.rpc-timeout.ms=5000", "-getServiceState", a),
                c("-transitionToActive", s),
                c("-transitionToStandby", a),
                c("-transitionToObserver", s),
                c("-failover", a),
                c("-failover", "--forcefence", a, s),
                c("-failover", "--bogus", a, s),
                new Case("n\n", List.of("-transitionToStandby", "--forcemanual", a)));

        List<String> differences = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < cases.size(); i++) {
                Case k = cases.get(i);
                String[] ours = k.args().toArray(String[]::new);
                List<String> stock = new ArrayList<>(List.of("haadmin"));
                stock.addAll(k.args());
                int n = i;
                // Both tools at once: the cluster does not change state between them.
                Future<DistProcesses.CliResult> ourRun =
                        pool.submit(() -> cluster.cli("ours-" + n, k.stdin(), "haadmin", ours));
                Future<DistProcesses.CliResult> stockRun =
                        pool.submit(() -> cluster.cli("stock-" + n, k.stdin(), "hdfs", stock.toArray(String[]::new)));
                DistProcesses.CliResult o = ourRun.get();
                DistProcesses.CliResult h = stockRun.get();
                if (o.exit() != h.exit()
                        || !normalized(o.stdout()).equals(normalized(h.stdout()))
                        || !normalized(o.stderr()).equals(normalized(h.stderr()))) {
                    differences.add("haadmin " + k.args() + "\n  ours:  exit " + o.exit() + "\n" + o.stdout()
                            + o.stderr() + "\n  hdfs haadmin: exit " + h.exit() + "\n" + h.stdout() + h.stderr());
                }
                if (k.args().equals(List.of("-getServiceState", a))) {
                    assertThat(o.stdout()).isEqualTo("active\n");
                    assertThat(o.exit()).isZero();
                }
                if (k.args().equals(List.of("-transitionToActive", s))) {
                    assertThat(o.stderr()).contains("Automatic failover is enabled for NameNode at");
                    assertThat(o.exit()).isEqualTo(255);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(differences)
                .as("commands where bin/haadmin and hdfs haadmin differ")
                .isEmpty();
        // Nothing above may have changed the roles.
        assertThat(cluster.active()).contains(active);
    }
}

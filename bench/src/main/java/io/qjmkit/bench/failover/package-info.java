/**
 * The failover scenarios of the benchmark issue (SIGKILL of the active NameNode, a graceful {@code
 * haadmin -failover}, and the loss of the active NameNode's host), each run round after round on a
 * complete process cluster started from the distribution, once with qjm-kit's daemons and once with
 * Hadoop's own JN + QJM + ZKFC (optionally a third time with the ZooKeeper-following client).
 * Every round ends with one active and one standby NameNode again, and a round in which an
 * acknowledged write went missing fails the run.
 */
package io.qjmkit.bench.failover;

/**
 * A complete automatic-failover deployment as separate processes started from the built
 * distribution ({@link io.qjmkit.testkit.process.HaProcessCluster}: ZooKeeper, three JournalNodes,
 * two NameNodes, two controllers; qjm-kit's or Hadoop's own daemons), the launcher that starts them
 * ({@link io.qjmkit.testkit.process.DistProcesses}) and a continuously writing client ({@link
 * io.qjmkit.testkit.process.AckingWriter}). Shared by the process integration tests and the
 * benchmark's failover scenarios. Invariants: only 127.0.0.1 is used, and only processes started
 * here are ever signalled, by PID; none of it needs a test library at run time.
 */
package io.qjmkit.testkit.process;

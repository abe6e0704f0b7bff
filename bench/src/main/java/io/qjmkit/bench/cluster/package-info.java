/**
 * Starts and stops what the benchmark measures: three JournalNode processes of either kind (qjm-kit's
 * or Hadoop's, from the built distribution, same JVM flags, same disk) and a pair of HA NameNodes in
 * this JVM pointed at them. Processes are only ever stopped by the PID this package started; fsync
 * is switched back on after MiniDFSCluster turned it off.
 */
package io.qjmkit.bench.cluster;

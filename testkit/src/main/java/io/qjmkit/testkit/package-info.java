/**
 * Test fixtures shared by the suites: {@link io.qjmkit.testkit.MiniJournalCluster} runs real
 * JournalNodes in-process on loopback with stable ports, and {@link io.qjmkit.testkit.TestOps}
 * builds Hadoop-framed edit ops without Hadoop.
 */
package io.qjmkit.testkit;

/**
 * Leader election in ZooKeeper with a Curator {@code LeaderLatch}, and the active breadcrumb that
 * names the last NameNode made active. A controller takes part only while its NameNode is healthy;
 * a suspended or lost ZooKeeper connection counts as not leading but is reported separately from a
 * lost election, because it must never demote a NameNode. The breadcrumb is written only in a
 * transaction that checks this controller's latch node still exists.
 */
package io.qjmkit.zkfc.election;

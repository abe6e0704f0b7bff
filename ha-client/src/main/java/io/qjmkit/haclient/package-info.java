/**
 * An optional HDFS client failover proxy provider that follows the serving active NameNode through
 * the {@code ActiveServing} znode qjm-kit's failover controllers write, and the format of that znode.
 * The znode is advisory: a client never trusts it over a NameNode's own answer, waits for it only
 * while ZooKeeper is connected and only for a bounded time, and otherwise fails over round robin
 * exactly like Hadoop's {@code ConfiguredFailoverProxyProvider}. Everything here runs inside a
 * user's client JVM, so it uses only Hadoop's own dependencies (Curator 5.2.0, ZooKeeper 3.8).
 */
package io.qjmkit.haclient;

/**
 * Hadoop's {@code ZKFCProtocol} ({@code cedeActive}, {@code gracefulFailover}) served over Hadoop
 * RPC on {@code dfs.ha.zkfc.port}, so both our {@code haadmin} and Hadoop's own {@code hdfs haadmin
 * -failover} coordinate failovers through the controllers; and the client side used to reach the
 * other controllers. Only administrators (and the controller's own user) may call it.
 */
package io.qjmkit.zkfc.rpc;

/**
 * The {@code bin/zkfc} entry point: argument and configuration handling, {@code -formatZK}, and the
 * wiring of one controller daemon (health monitor, elector, failover state machine, RPC server).
 * Startup refuses, with a one-line reason naming the key, any configuration that cannot run safely
 * (automatic failover off, no or bad fencing methods, no ZooKeeper quorum, unformatted znode).
 */
package io.qjmkit.zkfc.cli;

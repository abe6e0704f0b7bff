/**
 * The failover controller's state machine: join the election while the local NameNode is healthy,
 * and on winning fence the last active (graceful standby first, then the fencing chain), claim the
 * breadcrumb and promote. Invariants: never promote without a successful fence of another
 * breadcrumb owner; never fence the NameNode being promoted; a ZooKeeper disconnection never
 * demotes; all state moves happen on the controller's single executor thread.
 */
package io.qjmkit.zkfc.failover;

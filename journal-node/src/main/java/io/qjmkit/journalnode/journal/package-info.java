/**
 * One journal id's protocol state machine: epoch fencing (a promise is durable before it is
 * answered, writes need the last writer's epoch), the append path (an ack means forced to disk),
 * Paxos segment recovery (the accept record is the commit point) and purge/upgrade. Segments
 * themselves live in {@link io.qjmkit.journalnode.storage}.
 *
 * <p>Two copies of a segment with the same txid range may hold different ops when they date from
 * different epochs (an old writer's unacknowledged batch on a node that then missed the next
 * writer's segment start). So an in-progress copy is finalized only in the epoch that wrote or
 * accepted it, an accept skips the download only when the local copy dates from the same epoch as
 * the chosen one, and a new writer's segment start moves older writers' in-progress copies below
 * it aside (everything below has been decided on a majority by then).
 */
package io.qjmkit.journalnode.journal;

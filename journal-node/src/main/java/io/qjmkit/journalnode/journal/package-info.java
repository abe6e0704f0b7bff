/**
 * One journal id's protocol state machine: epoch fencing (a promise is durable before it is
 * answered, writes need the last writer's epoch), the append path (an ack means forced to disk),
 * Paxos segment recovery (the accept record is the commit point) and purge/upgrade. Segments
 * themselves live in {@link io.qjmkit.journalnode.storage}.
 */
package io.qjmkit.journalnode.journal;

/**
 * The Hadoop NameNode journal plugin: {@link io.qjmkit.client.QuorumJournal} implements {@code
 * JournalManager} over a quorum of qjm-kit JournalNodes. It wires the packages below it (config,
 * channel, quorum, recovery, write, read) and keeps the NameNode's rules: no I/O in the
 * constructor, only {@link java.io.IOException}s escape, and a flush fails only when a majority
 * cannot acknowledge.
 */
package io.qjmkit.client;

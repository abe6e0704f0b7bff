/**
 * A small asynchronous client for the journal protocol over one TCP connection per remote
 * JournalNode: requests are written in call order, answers are paired by call id, and a lost
 * connection fails every pending call at once so callers never wait for a dead peer.
 */
package io.qjmkit.protocol.transport;

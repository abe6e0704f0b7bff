/**
 * Request and response messages of the journal protocol: immutable records, each writing and
 * reading its own binary form. A request that changes journal state carries a {@link
 * io.qjmkit.protocol.message.RequestInfo} with the writer's epoch, which the JournalNode checks
 * against its promise before doing anything.
 */
package io.qjmkit.protocol.message;

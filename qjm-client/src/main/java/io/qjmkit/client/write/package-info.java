/**
 * The NameNode's write path. Ops are serialized with Hadoop's own {@code FSEditLogOp.Writer} into
 * one half of a double buffer while the other half is being sent; a flush sends the ready half as
 * one JOURNAL batch to every JournalNode and returns once a majority made it durable. The buffers
 * are reused, so a flush allocates only the batch array shared by all JournalNodes.
 */
package io.qjmkit.client.write;

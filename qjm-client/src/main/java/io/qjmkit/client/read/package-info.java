/**
 * The NameNode's read path. {@link io.qjmkit.client.read.StreamSelector} asks a majority of
 * JournalNodes which segments they hold and builds one lazily opened stream per JournalNode and
 * segment, each with a real last txid (bounded to what a majority holds when only durable edits are
 * wanted); Hadoop's redundant stream then fails over between JournalNodes. {@link
 * io.qjmkit.client.read.RemoteEditsStream} fetches ops in chunks over the channel's persistent
 * connection and decodes them with Hadoop's own reader.
 */
package io.qjmkit.client.read;

/**
 * Hadoop's on-disk edit-log framing, understood without Hadoop: the segment header (layout
 * version and flags) and the length-prefixed, CRC32-checked ops that follow it. JournalNodes use
 * it to find the valid end of a segment after a crash and to index txids; readers use it to cut
 * byte ranges at op boundaries.
 */
package io.qjmkit.protocol.edits;

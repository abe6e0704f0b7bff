/**
 * Experiments that measure what a design change would buy before it is built. They speak the
 * JournalNode protocol directly and are not a client: nothing here may be used to write a real
 * journal.
 */
package io.qjmkit.bench.probe;

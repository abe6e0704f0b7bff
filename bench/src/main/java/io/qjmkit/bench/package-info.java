/**
 * The side-by-side benchmark of qjm-kit against Hadoop's built-in quorum journal: {@code BenchMain}
 * parses the command line and {@code BenchRun} alternates the two implementations, repetition by
 * repetition, so that machine drift hits both. Every figure is written as soon as it is measured,
 * so an interrupted run still leaves its raw data behind.
 */
package io.qjmkit.bench;

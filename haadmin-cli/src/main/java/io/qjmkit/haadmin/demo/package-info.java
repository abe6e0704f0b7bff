/**
 * The client of {@code bin/qjm-demo}: one JVM that keeps creating directories through the HA
 * client, records every acknowledged one with its time, and afterwards proves that each recorded
 * directory still exists. A directory is recorded only after {@code mkdirs} returned true, so the
 * record is a lower bound of what the cluster acknowledged.
 */
package io.qjmkit.haadmin.demo;

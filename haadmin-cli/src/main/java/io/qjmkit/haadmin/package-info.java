/**
 * The {@code bin/haadmin} command line. Every command of Hadoop's {@code hdfs haadmin} is handed to
 * Hadoop's own {@code DFSHAAdmin}, so syntax, output and exit codes are Hadoop's by construction;
 * this package adds only the machine-readable {@code --json} form of the read-only commands, which
 * keeps the plain form's exit codes and reports the plain form's error text in its {@code error}
 * field.
 */
package io.qjmkit.haadmin;

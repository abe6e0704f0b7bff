/**
 * Turns Hadoop {@code *-site.xml} files and {@code -D} overrides into a validated {@link
 * io.qjmkit.journalnode.config.JournalNodeConfig}, without Hadoop on the classpath. Every value is
 * checked here, once, so the rest of the JournalNode never sees a malformed key; each failure is
 * a single line naming the key (or file and line), the bad value and the expected form.
 */
package io.qjmkit.journalnode.config;

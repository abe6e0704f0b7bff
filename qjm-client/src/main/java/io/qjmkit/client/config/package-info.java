/**
 * Reads and validates everything the plugin is configured with: the {@code qjournal://} URI of
 * {@code dfs.namenode.shared.edits.dir} and the timeout and buffer keys. Validation happens once,
 * at construction, so a mistake is reported at NameNode startup with the key name and the expected
 * form instead of surfacing later as a failed write.
 */
package io.qjmkit.client.config;

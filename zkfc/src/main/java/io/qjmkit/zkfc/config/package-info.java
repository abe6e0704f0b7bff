/**
 * The controller's configuration, read and validated in one place. Hadoop's keys are reused where
 * the meaning is the same ({@code ha.zookeeper.*}, {@code ha.health-monitor.*}, {@code
 * ha.failover-controller.*}, {@code dfs.ha.*}); new ones start with {@code qjmkit.zkfc.}. Every
 * validation failure names the key and the expected form.
 */
package io.qjmkit.zkfc.config;

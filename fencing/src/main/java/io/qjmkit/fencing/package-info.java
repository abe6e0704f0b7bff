/**
 * Fencing: making sure an old active NameNode can no longer act before another one is promoted.
 * {@link io.qjmkit.fencing.FencingChain} is the entry point: it reads {@code dfs.ha.fencing.methods}
 * and tries each configured {@link io.qjmkit.fencing.FenceMethod} in order until one succeeds. A
 * method answers true only when the target is certainly fenced; failures are logged and answered
 * false, never thrown, so a caller can rely on "false means do not promote".
 */
package io.qjmkit.fencing;

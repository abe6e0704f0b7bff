package io.qjmkit.fencing;

/**
 * One way of making sure a NameNode no longer acts as active (kill it over SSH, run an operator's
 * script, ...). Implementations bound their own running time and never throw for an ordinary
 * failure: they answer false with the reason logged.
 */
public interface FenceMethod {
    /** How the method appears in {@code dfs.ha.fencing.methods}, with its argument, for logs. */
    String describe();

    /** Fences {@code target}; true only when it is certainly fenced. */
    boolean fence(FenceTarget target) throws InterruptedException;
}

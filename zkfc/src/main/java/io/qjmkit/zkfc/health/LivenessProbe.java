package io.qjmkit.zkfc.health;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Notices, without polling, that the NameNode process went away. The production probe keeps an
 * idle TCP connection open; tests use a fake whose loss they trigger.
 */
public interface LivenessProbe extends Closeable {

    /** A probe that never notices anything: polling alone detects failures. */
    LivenessProbe NONE = new LivenessProbe() {
        @Override
        public void open(Consumer<String> onLost) {}

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    };

    /**
     * Opens the probe.
     *
     * @param onLost called once, from the probe's own thread, with the reason when the NameNode
     *     provably went away
     * @throws IOException when the NameNode cannot be reached now (e.g. connection refused)
     */
    void open(Consumer<String> onLost) throws IOException;

    /** True while the probe watches a live connection. */
    boolean isOpen();

    @Override
    void close();
}

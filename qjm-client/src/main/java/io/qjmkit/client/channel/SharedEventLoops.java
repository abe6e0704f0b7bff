package io.qjmkit.client.channel;

import io.netty.channel.EventLoopGroup;
import io.qjmkit.protocol.transport.EventLoops;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-loop threads every plugin instance in this JVM shares. The NameNode creates a new
 * journal at each HA transition; sharing the threads (reference counted, shut down when the last
 * user closes) keeps that from leaking or churning threads.
 */
public final class SharedEventLoops {
    private static final Logger LOG = LoggerFactory.getLogger(SharedEventLoops.class);
    private static final int THREADS =
            Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static EventLoopGroup group;
    private static int users;

    private SharedEventLoops() {}

    /** Returns the shared group, creating it for the first user; pair with {@link #release}. */
    public static synchronized EventLoopGroup acquire() {
        if (users++ == 0) {
            group = EventLoops.create("qjm-client", THREADS);
            LOG.debug("Started {} qjm-client event-loop threads", THREADS);
        }
        return group;
    }

    /** Gives back one use; the last one shuts the threads down. */
    public static synchronized void release() {
        if (users == 0) {
            return;
        }
        if (--users == 0) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group = null;
            LOG.debug("Stopped the qjm-client event-loop threads");
        }
    }
}

package io.qjmkit.zkfc.target;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;

/**
 * What the controller needs from one NameNode's {@code HAServiceProtocol}. Every call is bounded by
 * the timeout the endpoint was created with; state changes are requested as the failover
 * controller ({@code REQUEST_BY_ZKFC}).
 */
public interface NameNodeEndpoint extends Closeable {

    /** Returns when the NameNode is healthy; {@code HealthCheckFailedException} when it says it is not. */
    void monitorHealth() throws IOException;

    /** The NameNode's current HA state. */
    HAServiceState serviceState() throws IOException;

    void transitionToActive() throws IOException;

    void transitionToStandby() throws IOException;

    @Override
    void close();
}

package io.qjmkit.zkfc.testing;

import io.qjmkit.zkfc.target.NameNodeConnector;
import io.qjmkit.zkfc.target.NameNodeEndpoint;
import io.qjmkit.zkfc.target.NameNodeRef;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.apache.hadoop.ha.HealthCheckFailedException;
import org.apache.hadoop.ha.ServiceFailedException;

/** In-memory NameNodes behind the {@link NameNodeConnector} seam; records every call. */
public final class FakeNameNodes implements NameNodeConnector {

    /** One fake NameNode's behaviour; tests flip the fields. */
    public static final class Node {
        public volatile HAServiceState state = HAServiceState.STANDBY;
        public volatile boolean healthy = true;
        public volatile boolean reachable = true;
        public volatile boolean refuseTransitionToActive;
    }

    private final Map<String, Node> nodes = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    public synchronized Node node(NameNodeRef ref) {
        return nodes.computeIfAbsent(ref.namenodeId(), id -> new Node());
    }

    /** Calls as {@code nnId:method}, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private synchronized void record(NameNodeRef ref, String method) {
        calls.add(ref.namenodeId() + ":" + method);
    }

    @Override
    public NameNodeEndpoint connect(NameNodeRef ref, int timeoutMs) {
        Node node = node(ref);
        return new NameNodeEndpoint() {
            private void reach(String method) throws IOException {
                record(ref, method);
                if (!node.reachable) {
                    throw new ConnectException("Connection refused: " + ref);
                }
            }

            @Override
            public void monitorHealth() throws IOException {
                reach("monitorHealth");
                if (!node.healthy) {
                    throw new HealthCheckFailedException("fake NameNode " + ref + " unhealthy");
                }
            }

            @Override
            public HAServiceState serviceState() throws IOException {
                reach("serviceState");
                return node.state;
            }

            @Override
            public void transitionToActive() throws IOException {
                reach("transitionToActive");
                if (node.refuseTransitionToActive) {
                    throw new ServiceFailedException("fake refusal");
                }
                node.state = HAServiceState.ACTIVE;
            }

            @Override
            public void transitionToStandby() throws IOException {
                reach("transitionToStandby");
                node.state = HAServiceState.STANDBY;
            }

            @Override
            public void close() {}
        };
    }
}

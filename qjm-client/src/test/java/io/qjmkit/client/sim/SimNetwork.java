package io.qjmkit.client.sim;

import io.qjmkit.client.quorum.Waiter;
import io.qjmkit.journalnode.journal.Journal;
import io.qjmkit.protocol.edits.EditsHeader;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.Request;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The simulated network between writers and {@link SimNode}s, driven by one seeded {@link Random}
 * on one thread. Each sender's requests to a node wait in their own FIFO queue; {@link #step}
 * picks a random non-empty queue and delivers its head, which may lose the request, or serve it
 * and lose the answer. Writers wait for their quorum by stepping the network ({@link #waiter}),
 * so requests of writers that were abandoned long ago can still arrive at any later point.
 */
final class SimNetwork {
    /** Percent of requests lost before the node sees them, and of answers lost after it served them. */
    private int lossPercent;

    private final Random rnd;
    private final List<SimNode> nodes = new ArrayList<>();
    private final List<Queue> queues = new ArrayList<>();
    private long delivered;

    private record InFlight(Request request, CompletableFuture<Message> answer) {}

    /** One sender's requests to one node, in the order sent. */
    static final class Queue {
        private final SimNode node;
        private final ArrayDeque<InFlight> waiting = new ArrayDeque<>();

        private Queue(SimNode node) {
            this.node = node;
        }

        SimNode node() {
            return node;
        }
    }

    SimNetwork(Random rnd, int lossPercent) {
        this.rnd = rnd;
        this.lossPercent = lossPercent;
    }

    void setLossPercent(int percent) {
        lossPercent = percent;
    }

    void add(SimNode node) {
        nodes.add(node);
    }

    List<SimNode> nodes() {
        return nodes;
    }

    /** A new sender's queue to {@code node}. */
    Queue connect(SimNode node) {
        Queue q = new Queue(node);
        queues.add(q);
        return q;
    }

    CompletableFuture<Message> send(Queue q, Request request) {
        CompletableFuture<Message> answer = new CompletableFuture<>();
        q.waiting.add(new InFlight(request, answer));
        return answer;
    }

    int inFlight() {
        int n = 0;
        for (Queue q : queues) {
            n += q.waiting.size();
        }
        return n;
    }

    long delivered() {
        return delivered;
    }

    /** Delivers one request chosen at random; false when none is in flight. */
    boolean step() throws IOException {
        List<Queue> ready = new ArrayList<>();
        for (Queue q : queues) {
            if (!q.waiting.isEmpty()) {
                ready.add(q);
            }
        }
        if (ready.isEmpty()) {
            return false;
        }
        Queue q = ready.get(rnd.nextInt(ready.size()));
        InFlight m = q.waiting.poll();
        delivered++;
        String to = q.node.address();
        int fate = rnd.nextInt(100);
        if (!q.node.isUp()) {
            m.answer.completeExceptionally(new IOException("connection refused by " + to + " (simulated)"));
        } else if (fate < lossPercent) {
            m.answer.completeExceptionally(new IOException(m.request.type() + " to " + to + " lost (simulated)"));
        } else {
            Message answer = q.node.answer(m.request);
            if (fate < 2 * lossPercent) {
                m.answer.completeExceptionally(new IOException("answer of " + to + " lost (simulated)"));
            } else if (answer instanceof Responses.Failure f) {
                m.answer.completeExceptionally(f.toException(to + " " + m.request.type()));
            } else {
                m.answer.complete(answer);
            }
        }
        return true;
    }

    /** Waits for a quorum by delivering requests; "times out" when nothing is left in flight. */
    Waiter waiter() {
        return (decided, timeoutMs) -> {
            while (!decided.isDone()) {
                try {
                    if (!step()) {
                        throw new TimeoutException("nothing in flight");
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("simulation failure: " + e, e);
                }
            }
        };
    }

    /** The segment copy that acceptRecovery fetches from its source node, read as that node serves reads. */
    Path fetch(String journalId, SegmentInfo segment, String source, Path dir) throws IOException {
        SimNode from = nodes.stream()
                .filter(n -> n.address().equals(source))
                .findFirst()
                .orElseThrow(() -> new IOException("unknown source " + source));
        Journal j = from.journal(journalId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int layout = 0;
        for (long next = segment.startTxId(); next <= segment.endTxId(); ) {
            Responses.Edits e =
                    j.readEdits(new Requests.ReadEdits(journalId, segment.startTxId(), next, segment.endTxId(), 4096));
            if (e.lastTxId() < next) {
                throw new IOException(source + " has no txid " + next + " of " + segment);
            }
            layout = e.layoutVersion();
            out.write(e.ops());
            next = e.lastTxId() + 1;
        }
        Path tmp = Files.createTempFile(dir, "fetch", ".tmp");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(EditsHeader.bytes(layout));
        out.writeTo(file);
        Files.write(tmp, file.toByteArray());
        return tmp;
    }
}

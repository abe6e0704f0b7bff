package io.qjmkit.haclient;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which configured NameNode a client tries next, given what ZooKeeper names as serving. Pure: no
 * I/O, no clock, no locks; the provider owns the state and the waiting, this class only decides.
 *
 * <p>After a failed call: a serving NameNode named in ZooKeeper other than the failed one is used at
 * once; otherwise the client waits for ZooKeeper when the caller allows it; otherwise (and after a
 * wait timed out) it moves to the next NameNode in configuration order, as Hadoop's stock provider
 * does.
 */
public final class FailoverChoice {

    /** How the next NameNode was chosen. */
    public enum Kind {
        /** ZooKeeper names a serving NameNode other than the failed one. */
        FOLLOW_ZOOKEEPER,
        /** Nothing usable in ZooKeeper yet: wait for it to change, then decide again. */
        WAIT_FOR_ZOOKEEPER,
        /** The next NameNode in configuration order (stock behaviour). */
        ROUND_ROBIN
    }

    /**
     * @param kind how it was chosen
     * @param index position in the configured list; for {@link Kind#WAIT_FOR_ZOOKEEPER} the current one
     */
    public record Decision(Kind kind, int index) {}

    private final List<String> nameNodeIds;

    /** @param nameNodeIds the configured NameNode ids in the order the client uses them; not empty, unique */
    public FailoverChoice(List<String> nameNodeIds) {
        if (nameNodeIds.isEmpty()) {
            throw new IllegalArgumentException("no NameNode ids configured");
        }
        if (new HashSet<>(nameNodeIds).size() != nameNodeIds.size()) {
            throw new IllegalArgumentException("duplicate NameNode ids: " + nameNodeIds);
        }
        this.nameNodeIds = List.copyOf(nameNodeIds);
    }

    public List<String> nameNodeIds() {
        return nameNodeIds;
    }

    /** Position of a configured NameNode id; empty for an id this client does not know. */
    public OptionalInt indexOf(String nameNodeId) {
        int i = nameNodeIds.indexOf(nameNodeId);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Where calls go while nothing failed: the serving NameNode if ZooKeeper names a known one, else {@code current}. */
    public int preferred(int current, Optional<String> serving) {
        return serving.flatMap(id -> boxed(indexOf(id))).orElse(current);
    }

    /**
     * The choice after a call to NameNode {@code failed} failed over.
     *
     * @param current the NameNode calls went to
     * @param failed the NameNode that failed (usually {@code current})
     * @param serving the serving NameNode id ZooKeeper names now, if any
     * @param mayWait whether waiting for ZooKeeper is allowed (connected, waiting enabled, this
     *     ZooKeeper state not already waited out)
     */
    public Decision afterFailure(int current, int failed, Optional<String> serving, boolean mayWait) {
        check(current);
        check(failed);
        Optional<Integer> servingIndex = serving.flatMap(id -> boxed(indexOf(id)));
        if (servingIndex.isPresent() && servingIndex.get() != failed) {
            return new Decision(Kind.FOLLOW_ZOOKEEPER, servingIndex.get());
        }
        if (mayWait) {
            return new Decision(Kind.WAIT_FOR_ZOOKEEPER, current);
        }
        return roundRobin(current);
    }

    /** The NameNode after {@code current} in configuration order. */
    public Decision roundRobin(int current) {
        check(current);
        return new Decision(Kind.ROUND_ROBIN, (current + 1) % nameNodeIds.size());
    }

    private void check(int index) {
        if (index < 0 || index >= nameNodeIds.size()) {
            throw new IndexOutOfBoundsException("NameNode index " + index + " not in " + nameNodeIds);
        }
    }

    private static Optional<Integer> boxed(OptionalInt i) {
        return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
    }
}

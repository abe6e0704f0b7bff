package io.qjmkit.zkfc.election;

/** Told of election changes, from ZooKeeper's threads; implementations hand the work off. */
@FunctionalInterface
public interface ElectionListener {
    void electionChanged(ElectionEvent event, String reason);
}

package io.qjmkit.zkfc.election;

import io.qjmkit.haclient.ServingActive;

/**
 * Where a nameservice's znodes live.
 *
 * <pre>
 *   &lt;parent&gt;/&lt;ns&gt;                    created by -formatZK; must exist before a controller starts
 *   &lt;parent&gt;/&lt;ns&gt;/leader-latch       Curator LeaderLatch participants (ephemeral sequential)
 *   &lt;parent&gt;/&lt;ns&gt;/ActiveBreadCrumb   persistent; names the NameNode last made active (fencing)
 *   &lt;parent&gt;/&lt;ns&gt;/ActiveServing      persistent, advisory; names the active once it serves (clients)
 * </pre>
 *
 * @param parent {@code ha.zookeeper.parent-znode}, e.g. {@code /hadoop-ha}
 * @param nameserviceId e.g. {@code ns1}
 */
public record ZnodeLayout(String parent, String nameserviceId) {

    public String nameservicePath() {
        return ("/".equals(parent) ? "" : parent) + "/" + nameserviceId;
    }

    public String latchPath() {
        return nameservicePath() + "/leader-latch";
    }

    public String breadcrumbPath() {
        return nameservicePath() + "/ActiveBreadCrumb";
    }

    /** Written after {@code transitionToActive} succeeded; read by {@code io.qjmkit.haclient} clients. */
    public String servingPath() {
        return nameservicePath() + "/" + ServingActive.ZNODE_NAME;
    }
}

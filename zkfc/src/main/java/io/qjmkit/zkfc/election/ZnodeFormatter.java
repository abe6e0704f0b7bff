package io.qjmkit.zkfc.election;

import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates (or with force, re-creates) the nameservice znode: what {@code bin/zkfc -formatZK} does. */
public final class ZnodeFormatter {
    private static final Logger LOG = LoggerFactory.getLogger(ZnodeFormatter.class);

    /** The outcome of {@link #format}. */
    public enum Result {
        CREATED,
        RECREATED,
        ALREADY_EXISTS
    }

    private final CuratorFramework client;
    private final ZnodeLayout layout;

    public ZnodeFormatter(CuratorFramework client, ZnodeLayout layout) {
        this.client = client;
        this.layout = layout;
    }

    public boolean exists() throws ElectionException {
        try {
            return client.checkExists().forPath(layout.nameservicePath()) != null;
        } catch (Exception e) {
            throw new ElectionException("Cannot check znode " + layout.nameservicePath() + ": " + e, e);
        }
    }

    /**
     * Creates the nameservice znode (and its parents); an existing one is deleted with everything
     * under it first when {@code force}, else left alone.
     */
    public Result format(boolean force) throws ElectionException {
        String path = layout.nameservicePath();
        try {
            boolean existed = exists();
            if (existed && !force) {
                return Result.ALREADY_EXISTS;
            }
            if (existed) {
                client.delete().deletingChildrenIfNeeded().forPath(path);
                LOG.info("Deleted znode {} and everything under it", path);
            }
            client.create().creatingParentsIfNeeded().forPath(path);
            LOG.info("Created znode {}", path);
            return existed ? Result.RECREATED : Result.CREATED;
        } catch (ElectionException e) {
            throw e;
        } catch (Exception e) {
            throw new ElectionException("Cannot format znode " + path + ": " + e, e);
        }
    }
}

package io.qjmkit.haadmin;

import java.io.IOException;
import java.util.List;

/**
 * The questions the JSON form asks about NameNodes. The RPC implementation is {@link
 * HadoopServiceProbe}; tests answer with fixed values or failures.
 */
public interface ServiceProbe {
    /** A NameNode the configuration names. */
    record Target(String nameservice, String namenodeId, String address) {}

    /**
     * Resolves a NameNode id as {@code hdfs haadmin} does.
     *
     * @throws IllegalArgumentException when the configuration does not name it (the plain form
     *     prints {@code Illegal argument: <message>})
     */
    Target resolve(String nameservice, String namenodeId);

    /** The NameNode ids of the nameservice (or of the only / local one when null), in config order. */
    List<String> namenodeIds(String nameservice);

    /** The HA state as Hadoop prints it, e.g. {@code active}. */
    String state(Target target) throws IOException;

    /**
     * Asks the NameNode to check its health.
     *
     * @throws org.apache.hadoop.ha.HealthCheckFailedException when it reports itself unhealthy
     * @throws IOException when it cannot be asked
     */
    void checkHealth(Target target) throws IOException;
}

package io.qjmkit.journalnode.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a JournalNode needs to start, already validated: where journals live, where it
 * listens, and which peers it fills missing segments from.
 *
 * @param editsDir {@code dfs.journalnode.edits.dir}: one directory per journal id below it
 * @param rpcAddress {@code dfs.journalnode.rpc-address} (port 0 picks a free port)
 * @param httpAddress {@code dfs.journalnode.http-address} (port 0 picks a free port)
 * @param peers the other JournalNodes' RPC addresses, from {@code dfs.namenode.shared.edits.dir}
 * @param syncEnabled {@code dfs.journalnode.enable.sync}
 * @param syncInterval {@code dfs.journalnode.sync.interval} (ms)
 */
public record JournalNodeConfig(
        Path editsDir,
        InetSocketAddress rpcAddress,
        InetSocketAddress httpAddress,
        List<InetSocketAddress> peers,
        boolean syncEnabled,
        Duration syncInterval) {

    public JournalNodeConfig {
        peers = List.copyOf(peers);
    }

    public JournalNodeConfig withPeers(List<InetSocketAddress> newPeers) {
        return new JournalNodeConfig(editsDir, rpcAddress, httpAddress, newPeers, syncEnabled, syncInterval);
    }
}

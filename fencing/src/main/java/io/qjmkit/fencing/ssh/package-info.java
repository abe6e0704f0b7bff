/**
 * The {@code sshfence([[user][:port]])} fence method, on the Apache MINA SSHD client. It logs in
 * with the keys of {@code dfs.ha.fencing.ssh.private-key-files}, refuses any host whose key is not
 * in the known-hosts file (Hadoop checks none), kills whatever listens on the NameNode's port and
 * succeeds only when the remote host shows that port free afterwards. Connecting, authenticating
 * and the remote command each have a timeout.
 */
package io.qjmkit.fencing.ssh;

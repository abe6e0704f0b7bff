#!/usr/bin/env bash
# PID 1 of one simulated host (run by tests/run.sh through unshare: own network, mount, UTS and
# PID namespaces, /proc of its own). Gives the host its name and private /etc, /root, /opt, /run,
# /var and /tmp, then becomes its sshd (which also reaps the orphans of the host's services).
# /usr is shared with the machine, and so is the dpkg database under /var/lib/dpkg.
# Usage: hostinit.sh NODE_DIR HOSTNAME
set -euo pipefail
node_dir=$1
name=$2

hostname "$name"
mount --bind "$node_dir/etc" /etc
mount --bind "$node_dir/root" /root
mount --bind "$node_dir/opt" /opt
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p /run/sshd
# /var: copy-on-write over the machine's /var (so /var/lib/qjm-kit, /var/log/... are per host),
# with the real package databases bound back on top (one dpkg database for every host).
pkg_dbs="/var/lib/dpkg /var/lib/apt /var/cache/apt /var/cache/debconf"
for d in $pkg_dbs; do
  mkdir -p "$node_dir/real$d"
  mount --bind "$d" "$node_dir/real$d"
done
mount -t overlay overlay -o "lowerdir=/var,upperdir=$node_dir/var-upper,workdir=$node_dir/var-work" /var
for d in $pkg_dbs; do
  mount --bind "$node_dir/real$d" "$d"
done
mount --bind "$node_dir/tmp" /tmp
exec /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config

#!/usr/bin/env bash
# Runs the whole qjm-kit test suite: unit, simulation and integration tests, the formatter
# check and the enforcer rules, then (as root) the Ansible deployment test of deploy/ansible.
# Installs what the tests need beyond JDK 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")"

need_pkgs=()
command -v ss >/dev/null 2>&1 || need_pkgs+=(iproute2)
command -v ps >/dev/null 2>&1 || need_pkgs+=(procps)
# sshfence integration tests (fencing/SshFenceIT) run a real OpenSSH server and fuser.
[ -x /usr/sbin/sshd ] || need_pkgs+=(openssh-server)
command -v fuser >/dev/null 2>&1 || need_pkgs+=(psmisc)
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  else
    echo "test.sh: please install: ${need_pkgs[*]}" >&2
    exit 1
  fi
fi

mvn -B verify "$@"

# The Ansible deployment (deploy/ansible): three namespaced hosts on this machine, the playbook over
# SSH, checks and a SIGKILL failover, using the distribution just built. It needs root (network
# namespaces, a bridge); without root, or when Maven arguments narrow the build, it is skipped with
# a notice.
tarball=$(find dist/target -maxdepth 1 -name 'qjm-kit-*.tar.gz' 2>/dev/null | head -n 1 || true)
if [ "$#" -gt 0 ]; then
  echo "test.sh: skipping deploy/ansible/tests/run.sh (Maven arguments given; run it yourself with the tarball)"
elif [ "$(id -u)" -ne 0 ]; then
  echo "test.sh: skipping deploy/ansible/tests/run.sh (needs root for network namespaces)"
elif [ -z "$tarball" ]; then
  echo "test.sh: skipping deploy/ansible/tests/run.sh (no dist/target/qjm-kit-*.tar.gz; was dist skipped?)"
else
  deploy/ansible/tests/run.sh "$tarball"
fi

#!/usr/bin/env bash
# Runs the whole qjm-kit test suite: unit, simulation and integration tests, the formatter
# check and the enforcer rules. Installs what the tests need beyond JDK 17 and Maven.
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

exec mvn -B verify "$@"

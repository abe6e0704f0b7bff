#!/usr/bin/env bash
# End-to-end test of deploy/ansible on one machine, as root: three hosts as network/mount/UTS/PID
# namespaces on a private bridge (198.51.100.0/24, no default route), each with its own sshd;
# the playbook runs over real SSH; then ZooKeeper, JournalNodes, the active NameNode and a file
# round trip are checked, a second run must change nothing, and SIGKILL of the active NameNode
# must fail over by itself. Ends with "N passed, M failed".
#
# Usage: tests/run.sh [TARBALL]     (or QJMKIT_TARBALL=...; default: dist/target/qjm-kit-*.tar.gz)
# Environment: QJMKIT_TEST_KEEP=1 keeps the work directory; QJMKIT_TEST_WORKDIR=DIR uses DIR.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ansible_dir=$(dirname "$here")
repo=$(cd "$ansible_dir/../.." && pwd -P)

die() {
  echo "run.sh: $*" >&2
  exit 1
}
[[ $(id -u) -eq 0 ]] || die "must run as root (it creates network namespaces and a bridge)"
case ${1:-} in -h | --help) sed -n '2,10p' "$0"; exit 0 ;; esac

tarball=${1:-${QJMKIT_TARBALL:-}}
if [[ -z $tarball ]]; then
  tarball=$(find "$repo/dist/target" -maxdepth 1 -name 'qjm-kit-*.tar.gz' 2>/dev/null | head -n 1 || true)
fi
[[ -n $tarball && -f $tarball ]] || die "no distribution tarball (build it: mvn -B package -DskipTests, or pass its path)"
tarball=$(readlink -f "$tarball")

# --- what the test needs from Debian ----------------------------------------------------------
need=()
command -v ansible-playbook >/dev/null 2>&1 || need+=(ansible-core)
command -v ansible-lint >/dev/null 2>&1 || need+=(ansible-lint)
[[ -x /usr/sbin/sshd ]] || need+=(openssh-server)
command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
command -v fuser >/dev/null 2>&1 || need+=(psmisc)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
command -v curl >/dev/null 2>&1 || need+=(curl)
[[ -x /usr/bin/python3 ]] || need+=(python3)
if [[ ${#need[@]} -gt 0 ]]; then
  echo "run.sh: installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# --- bookkeeping --------------------------------------------------------------------------------
passed=0
failed=0
check() { # name, command...
  local name=$1
  shift
  if "$@"; then
    echo "PASS $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    failed=$((failed + 1))
  fi
}
say() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*"; }
now_ms() { date +%s%3N; }

# --- Debian's zookeeper package (node3 runs it; the hosts share this machine's dpkg database) ---
# Installed here, before the hosts exist (their /etc is a copy of this one), with a policy-rc.d
# that forbids every service start; the role's apt task on node3 then finds it present.
debian_zk_pids() { # PIDs of ZooKeeper JVMs running Debian's jar, anywhere on the machine
  local p
  for p in /proc/[0-9]*; do
    tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -q 'org\.apache\.zookeeper\.server\..*Main' \
      && tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -qE '/usr/share/java/zookeeper|/etc/zookeeper' && echo "${p#/proc/}"
  done
  return 0
}
install_debian_zookeeper() {
  local policy=/usr/sbin/policy-rc.d backup=
  if [[ -e $policy ]]; then
    backup=$(mktemp /usr/sbin/.policy-rc.d.qjmkit.XXXXXX)
    cp -a "$policy" "$backup"
  fi
  # shellcheck disable=SC2064
  trap "if [[ -n '$backup' ]]; then mv -f '$backup' '$policy'; else rm -f '$policy'; fi" EXIT
  printf '#!/bin/sh\n# tests/run.sh: no service may start while zookeeper is installed\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq zookeeper >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq zookeeper >/dev/null; }
}
zk_before=$(debian_zk_pids)
if ! dpkg-query -W -f '${Status}' zookeeper 2>/dev/null | grep -q 'install ok installed'; then
  echo "run.sh: installing Debian's zookeeper (policy-rc.d exit 101: nothing starts)"
  (install_debian_zookeeper) || die "could not install Debian's zookeeper package"
fi
zk_new=$(comm -13 <(sort <<<"$zk_before") <(debian_zk_pids | sort) | grep . || true)
no_stray_zookeeper() {
  [[ -z $zk_new ]] && return 0
  echo "    the install started ZooKeeper (pids $zk_new): killing them"
  # shellcheck disable=SC2086 # by PID: they were started by this install
  kill -KILL $zk_new 2>/dev/null
  return 1
}
check "Debian's zookeeper $(dpkg-query -W -f '${Version}' zookeeper) is installed and no ZooKeeper was started by it" no_stray_zookeeper

work=${QJMKIT_TEST_WORKDIR:-$(mktemp -d /tmp/qjm-ansible-test.XXXXXX)}
mkdir -p "$work"
bridge=qjmbr0
host_pids=()   # the unshare processes, one per host (killing one ends its PID namespace)
veths=()
nodes=(node1 node2 node3)
addr() { echo "198.51.100.1${1#node}"; }

# PIDs (as seen here) of every process in the PID namespace of the given unshare process's child.
ns_pids() {
  local child ns p
  child=$(awk -v parent="$1" '$1 == "PPid:" && $2 == parent { print FILENAME; exit }' /proc/[0-9]*/status 2>/dev/null \
    | cut -d/ -f3)
  [[ -n $child ]] || return 0
  ns=$(readlink "/proc/$child/ns/pid" 2>/dev/null) || return 0
  for p in /proc/[0-9]*; do
    [[ $(readlink "$p/ns/pid" 2>/dev/null) == "$ns" ]] && echo "${p#/proc/}"
  done
  return 0
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  # ssh connection masters of this run (ControlPersist), by their control sockets.
  for s in "$work"/cp/*; do
    [[ -S $s ]] && ssh -o ControlPath="$s" -O exit dummy >/dev/null 2>&1
  done
  local remaining=() p
  for p in "${host_pids[@]}"; do
    mapfile -t -O "${#remaining[@]}" remaining < <(ns_pids "$p")
  done
  # SIGKILL of unshare kills its child (--kill-child), PID 1 of the host: the kernel then kills
  # every process of that PID namespace (sshd, JVMs, ...).
  for p in "${host_pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
  for p in "${host_pids[@]}"; do wait "$p" 2>/dev/null; done
  local deadline=$((SECONDS + 30)) alive
  while :; do
    alive=()
    for p in "${remaining[@]}"; do [[ -d /proc/$p ]] && alive+=("$p"); done
    [[ ${#alive[@]} -eq 0 || $SECONDS -ge $deadline ]] && break
    sleep 0.2
  done
  if [[ ${#alive[@]} -gt 0 ]]; then
    echo "run.sh: WARNING: processes of the test hosts still alive: ${alive[*]}" >&2
  elif [[ ${#remaining[@]} -gt 0 ]]; then
    echo "teardown: the ${#remaining[@]} processes of the 3 hosts are gone"
  fi
  for v in "${veths[@]}"; do ip link del "$v" 2>/dev/null; done
  ip link del "$bridge" 2>/dev/null
  if [[ ${QJMKIT_TEST_KEEP:-} == 1 ]]; then
    echo "work directory kept: $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. ansible-lint -----------------------------------------------------------------------------
say "ansible-lint deploy/ansible"
check "ansible-lint is clean" bash -c "cd '$ansible_dir' && ansible-lint --nocolor -q >'$work/lint.log' 2>&1 || { cat '$work/lint.log'; exit 1; }"

# --- 2. three hosts -----------------------------------------------------------------------------
ip link show "$bridge" >/dev/null 2>&1 && die "bridge $bridge exists already (another test running?)"
ip link add "$bridge" type bridge
ip addr add 198.51.100.1/24 dev "$bridge"
ip link set "$bridge" up

ssh-keygen -q -t ed25519 -N '' -C qjmkit-test -f "$work/id_test"
hosts_file="127.0.0.1 localhost"$'\n'
for n in "${nodes[@]}"; do hosts_file+="$(addr "$n") $n"$'\n'; done

for n in "${nodes[@]}"; do
  d=$work/$n
  mkdir -p "$d"/{etc,root/.ssh,opt,tmp,var-upper,var-work}
  chmod 1777 "$d/tmp"
  chmod 700 "$d/root" "$d/root/.ssh"
  cp -a /etc/. "$d/etc/"
  echo "$n" >"$d/etc/hostname"
  printf '%s' "$hosts_file" >"$d/etc/hosts"
  rm -f "$d"/etc/ssh/ssh_host_*
  ssh-keygen -q -t ed25519 -N '' -C "$n" -f "$d/etc/ssh/ssh_host_ed25519_key"
  cat >"$d/etc/ssh/sshd_config" <<EOF
ListenAddress 0.0.0.0
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PidFile /run/sshd.pid
MaxStartups 100
MaxSessions 100
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
  cp "$work/id_test.pub" "$d/root/.ssh/authorized_keys"
  chmod 600 "$d/root/.ssh/authorized_keys"
  unshare --net --mount --uts --pid --fork --mount-proc --propagation private --kill-child=SIGKILL \
    "$here/hostinit.sh" "$d" "$n" >"$work/$n.sshd.log" 2>&1 &
  host_pids+=($!)
  pid=$!
  v=qjmv${n#node}
  ip link add "$v" type veth peer name "${v}h"
  veths+=("$v")
  ip link set "${v}h" netns "$pid"
  ip link set "$v" master "$bridge"
  ip link set "$v" up
  nsenter -t "$pid" -n ip link set lo up
  nsenter -t "$pid" -n ip link set "${v}h" name eth0
  nsenter -t "$pid" -n ip addr add "$(addr "$n")/24" dev eth0
  nsenter -t "$pid" -n ip link set eth0 up
done

: >"$work/known_hosts"
for n in "${nodes[@]}"; do
  deadline=$((SECONDS + 30))
  until line=$(ssh-keyscan -T 2 -t ed25519 "$(addr "$n")" 2>/dev/null) && [[ -n $line ]]; do
    [[ $SECONDS -lt $deadline ]] || die "sshd of $n did not answer; see $work/$n.sshd.log"
    sleep 0.3
  done
  echo "$line" >>"$work/known_hosts"
done
say "3 hosts up: node1..3 = 198.51.100.11..13 (own netns/mount/UTS/PID namespaces, sshd each)"

mkdir -p "$work/cp"
# Per-task times in the logs when the collection is there (Debian's ansible package has it).
callbacks=
if ansible-doc -t callback ansible.posix.profile_tasks >/dev/null 2>&1; then
  callbacks="callbacks_enabled = ansible.posix.profile_tasks"
fi
cat >"$work/ansible.cfg" <<EOF
[defaults]
roles_path = $ansible_dir/roles
inventory = $work/inventory.yml
forks = 10
timeout = 30
$callbacks
[ssh_connection]
pipelining = True
control_path_dir = $work/cp
ssh_args = -o ControlMaster=auto -o ControlPersist=300s -o UserKnownHostsFile=$work/known_hosts -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o IdentityFile=$work/id_test
EOF
cat >"$work/inventory.yml" <<EOF
all:
  children:
    qjmkit:
      children:
        zookeeper:
          hosts:
            node1: {qjmkit_zookeeper_id: 1}
            node2: {qjmkit_zookeeper_id: 2}
            # a mixed ensemble: Debian's zookeeper package (3.8) here, the distribution's 3.9 jar elsewhere
            node3: {qjmkit_zookeeper_id: 3, qjmkit_zookeeper_source: debian}
        journalnode:
          hosts: {node1: {}, node2: {}, node3: {}}
        namenode:
          hosts: {node1: {qjmkit_namenode_id: nn1}, node2: {qjmkit_namenode_id: nn2}}
        datanode:
          hosts: {node1: {}, node2: {}, node3: {}}
      vars:
        ansible_user: root
        ansible_python_interpreter: /usr/bin/python3
        qjmkit_tarball: $tarball
        qjmkit_fencing_key_dir: $work/fencing-key
        qjmkit_nameservice: testns
        qjmkit_zookeeper_heap: 256m
        qjmkit_journalnode_heap: 256m
        qjmkit_namenode_heap: 512m
        qjmkit_zkfc_heap: 256m
        qjmkit_datanode_heap: 256m
        qjmkit_java_opts: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
        qjmkit_zookeeper_tick_ms: 1000
        qjmkit_zookeeper_session_timeout_ms: 6000
  hosts:
    node1: {ansible_host: 198.51.100.11}
    node2: {ansible_host: 198.51.100.12}
    node3: {ansible_host: 198.51.100.13}
EOF
export ANSIBLE_CONFIG=$work/ansible.cfg ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0

on() { # node, command... (runs on that host over SSH)
  local n=$1
  shift
  ssh -o ControlMaster=auto -o ControlPath="$work/cp/test-%h" -o ControlPersist=300s \
    -o UserKnownHostsFile="$work/known_hosts" -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes \
    -i "$work/id_test" -o BatchMode=yes "root@$(addr "$n")" "$@"
}
client() { # node, bin/<tool> args... (a qjm-kit client command on that host, as the HDFS superuser)
  local n=$1
  shift
  on "$n" "cd / && HADOOP_CONF_DIR=/etc/qjm-kit/conf setpriv --reuid=hdfs --regid=hadoop --init-groups /opt/qjm-kit/current/bin/$*"
}

# --- 3. deploy ------------------------------------------------------------------------------------
say "deploying: ansible-playbook site.yml (log: $work/deploy.log)"
t0=$(now_ms)
deploy_ok=true
ansible-playbook "$ansible_dir/site.yml" >"$work/deploy.log" 2>&1 || deploy_ok=false
deploy_ms=$(($(now_ms) - t0))
$deploy_ok || tail -n 60 "$work/deploy.log"
check "playbook deploys the 3-node layout ($((deploy_ms / 1000)) s)" $deploy_ok

zk_modes() {
  local n
  for n in "${nodes[@]}"; do
    timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/2181"; printf srvr >&3; cat <&3' "$(addr "$n")" 2>/dev/null \
      | sed -n 's/^Mode: //p'
  done
}
zk_quorum() {
  local modes
  modes=$(zk_modes | sort | tr '\n' ' ')
  echo "    ZooKeeper modes: $modes"
  [[ $modes == "follower follower leader " ]]
}
check "ZooKeeper: one leader and two followers" zk_quorum
zk_versions() { # the server version each host reports (srvr)
  local n
  for n in "${nodes[@]}"; do
    printf '%s=%s ' "$n" "$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/2181"; printf srvr >&3; cat <&3' "$(addr "$n")" 2>/dev/null \
      | sed -n 's/^Zookeeper version: \([^-,]*\).*/\1/p')"
  done
}
node3_debian_zk() { # node3's ZooKeeper JVM (from the supervisor's pid file) runs Debian's jar
  local pid cmd versions
  pid=$(on node3 /opt/qjm-kit/sbin/qjmkit-service pid /etc/qjm-kit/services/zookeeper.env) || return 1
  cmd=$(on node3 "tr '\\0' ' ' </proc/$pid/cmdline")
  versions=$(zk_versions)
  echo "    node3 ZooKeeper pid $pid: $(grep -o -- '-cp [^ ]*' <<<"$cmd" | tr '\n' ' ')... $(grep -o 'org.apache.zookeeper[^ ]*Main [^ ]*' <<<"$cmd")"
  echo "    versions: $versions"
  grep -q -- '-cp [^ ]*/usr/share/java/zookeeper.jar' <<<"$cmd" \
    && grep -q 'QuorumPeerMain /etc/qjm-kit/zookeeper/zoo.cfg' <<<"$cmd" \
    && on node3 "grep -qE 'FOLLOWING|LEADING' /var/log/qjm-kit/zookeeper.log" \
    && [[ $versions =~ node1=3\.9\.[0-9]+\ node2=3\.9\.[0-9]+\ node3=3\.8\.[0-9]+ ]]
}
check "mixed ensemble: node3 runs Debian's ZooKeeper 3.8 (/usr/share/java/zookeeper.jar, the role's zoo.cfg, logging), node1/2 the distribution's 3.9" node3_debian_zk
jn_ok() {
  local n
  for n in "${nodes[@]}"; do
    curl -sf -m 5 "http://$(addr "$n"):8480/health" >/dev/null || { echo "JournalNode on $n does not answer /health"; return 1; }
  done
}
check "three JournalNodes serve (/health)" jn_ok

active_nn() { # prints nn1/nn2 of the active NameNode(s), one per line, through the NameNodes' JMX
  local i
  for i in 1 2; do
    curl -sf -m 3 "http://$(addr node$i):9870/jmx?qry=Hadoop:service=NameNode,name=NameNodeStatus" 2>/dev/null \
      | grep -q '"State" *: *"active"' && echo "nn$i"
  done
  return 0
}
ha_state() { client node3 haadmin -getAllServiceState 2>&1; }
one_active() {
  local s
  s=$(ha_state)
  printf '%s\n' "$s" | sed 's/^/    /'
  [[ $(grep -cE '\sactive\s*$' <<<"$s") -eq 1 ]]
}
check "exactly one NameNode is active (haadmin -getAllServiceState)" one_active
first_active() { [[ $(active_nn | tr '\n' ' ') == "nn1 " ]]; }
check "nn1 is the first active" first_active

payload="qjm-kit ansible test $(date +%s%N)"
roundtrip() {
  on node3 "printf '%s\n' '$payload' >/tmp/qjmkit-test.txt" \
    && client node3 hdfs dfs -mkdir -p /qjmkit-test \
    && client node3 hdfs dfs -put -f /tmp/qjmkit-test.txt /qjmkit-test/file.txt \
    && [[ $(client node1 hdfs dfs -cat /qjmkit-test/file.txt) == "$payload" ]]
}
check "a file written through the active NameNode reads back" roundtrip

# --- 4. idempotence -------------------------------------------------------------------------------
say "re-running the playbook (log: $work/rerun.log)"
t0=$(now_ms)
rerun_ok=true
ansible-playbook "$ansible_dir/site.yml" >"$work/rerun.log" 2>&1 || rerun_ok=false
rerun_ms=$(($(now_ms) - t0))
check "second run succeeds ($((rerun_ms / 1000)) s)" $rerun_ok
recap() { grep -E '^node[0-9] +:' "$work/rerun.log" | sed 's/^/    /'; }
recap
zero_changes() {
  local lines
  lines=$(sed -n '/^PLAY RECAP/,$p' "$work/rerun.log" | grep -E '^node[0-9]')
  [[ $(wc -l <<<"$lines") -eq 3 ]] && ! grep -vq 'changed=0 ' <<<"$lines" \
    || { grep -E '^(changed|TASK)' "$work/rerun.log" | grep -B1 '^changed' | sed 's/^/    /'; return 1; }
}
check "second run reports changed=0 on every host" zero_changes

# --- 5. failover --------------------------------------------------------------------------------
failover() {
  local active standby host pid deadline t_kill t_active
  active=$(active_nn)
  [[ $active == nn1 || $active == nn2 ]] || { echo "    no single active NameNode: '$active'"; return 1; }
  standby=nn1
  [[ $active == nn1 ]] && standby=nn2
  host=node${active#nn}
  pid=$(on "$host" /opt/qjm-kit/sbin/qjmkit-service pid /etc/qjm-kit/services/namenode.env) || return 1
  on "$host" "tr '\\0' ' ' </proc/$pid/cmdline | grep -q org.apache.hadoop.hdfs.server.namenode.NameNode" \
    || { echo "    pid $pid on $host is not the NameNode"; return 1; }
  say "SIGKILL the active NameNode $active (pid $pid on $host)"
  t_kill=$(now_ms)
  on "$host" kill -9 "$pid"
  deadline=$((SECONDS + 120))
  until [[ $(active_nn) == "$standby" ]]; do
    [[ $SECONDS -lt $deadline ]] || { echo "    $standby not active within 120 s"; return 1; }
    sleep 0.2
  done
  t_active=$(now_ms)
  failover_ms=$((t_active - t_kill))
  say "$standby is active $failover_ms ms after the kill"
  on "$host" "test ! -e /proc/$pid || grep -q '^State:.*Z' /proc/$pid/status" || { echo "    pid $pid still alive"; return 1; }
  client node3 haadmin -getServiceState "$standby" | grep -qx active || return 1
  fenced_host=$host
  new_active_host=node${standby#nn}
}
sshfence_ran() { # the new active's controller fenced the old host with sshfence (port proven free)
  on "$new_active_host" "grep -h 'is free; fenced' /var/log/qjm-kit/qjm-kit-zkfc.log" | grep "on $fenced_host" | sed 's/^/    /' | grep -q .
}
failover_ms=
fenced_host=
new_active_host=
check "SIGKILL of the active NameNode: the other becomes active by itself" failover
check "the new active's controller fenced the old active with sshfence" sshfence_ran
check_file() { [[ $(client node3 hdfs dfs -cat /qjmkit-test/file.txt) == "$payload" ]]; }
check "the file is still there after the failover (read through the new active)" check_file

echo
echo "deploy time: $((deploy_ms / 1000)).$(printf '%03d' $((deploy_ms % 1000))) s"
echo "idempotent re-run time: $((rerun_ms / 1000)).$(printf '%03d' $((rerun_ms % 1000))) s"
if [[ -n $failover_ms ]]; then
  echo "failover time (SIGKILL to the other NameNode reporting active): $((failover_ms / 1000)).$(printf '%03d' $((failover_ms % 1000))) s"
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]

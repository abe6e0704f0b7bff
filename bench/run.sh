#!/usr/bin/env bash
# Builds what the benchmark needs (the bench module and the distribution whose JournalNodes it
# starts) and runs io.qjmkit.bench.BenchMain with the JDK 17 flags Hadoop needs (DESIGN.md §9).
#   bench/run.sh [--quick] [--reps N] [--out DIR] [--work-dir DIR] [--keep-work] [--jfr] [--sched-trace] [--profile]
#                 [--journal-only | --no-failover |
#                 --failover-only] [--zk-client-provider CLASS] [--skip-build] [--help]
# Runs the journal, NameNode and failover scenarios for qjm-kit and for Hadoop (see BenchMain --help).
# Results: bench/results/<UTC timestamp>/{table.md,chart.svg,raw.jsonl} (or --out DIR).
# Environment: JAVA_HOME, BENCH_MVN_OPTS (extra Maven options, e.g. -o), BENCH_HEAP (default 2g),
# BENCH_JAVA_OPTS (extra options for the benchmark JVM, e.g. a JFR recording), QJM_MVN_LOCK (a lock file to serialize Maven builds with flock, for shared machines).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$ROOT"

build=true
args=()
for a in "$@"; do
  case $a in
    --skip-build) build=false ;;
    --help | -h)
      sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      build=false
      args+=("$a")
      ;;
    *) args+=("$a") ;;
  esac
done

if [[ -n ${JAVA_HOME:-} ]]; then
  JAVA=$JAVA_HOME/bin/java
  [[ -x $JAVA ]] || { echo "run.sh: JAVA_HOME '$JAVA_HOME' has no bin/java (point it at a JDK 17)" >&2; exit 1; }
else
  JAVA=$(command -v java || true)
  [[ -n $JAVA ]] || { echo "run.sh: java not found: set JAVA_HOME to a JDK 17 or put java on PATH" >&2; exit 1; }
fi

VERSION=0.1.0-SNAPSHOT
DIST=$ROOT/dist/target/qjm-kit-$VERSION
if [[ $build == true ]]; then
  command -v mvn >/dev/null || { echo "run.sh: mvn not found: install Maven 3.8+ or use --skip-build" >&2; exit 1; }
  read -r -a mvn_opts <<<"${BENCH_MVN_OPTS:-}"
  mvn_cmd=(mvn -B -q "${mvn_opts[@]+"${mvn_opts[@]}"}" package -DskipTests -Dspotless.check.skip=true -pl bench,dist -am)
  echo "run.sh: building: ${mvn_cmd[*]}" >&2
  if [[ -n ${QJM_MVN_LOCK:-} ]]; then
    flock "$QJM_MVN_LOCK" "${mvn_cmd[@]}"
  else
    "${mvn_cmd[@]}"
  fi
fi
CP_FILE=$ROOT/bench/target/bench.classpath
if [[ ! -f $CP_FILE || ! -d $DIST/lib/journalnode ]]; then
  echo "run.sh: bench or dist not built ($CP_FILE, $DIST); run without --skip-build" >&2
  exit 1
fi

# shellcheck source-path=SCRIPTDIR source=../dist/src/main/libexec/jdk17-flags.sh
. "$ROOT/dist/src/main/libexec/jdk17-flags.sh"
JVM_FLAGS=("${QJMKIT_JDK17_FLAGS[@]}" "-Xmx${BENCH_HEAP:-2g}")
if [[ -n ${BENCH_JAVA_OPTS:-} ]]; then
  read -r -a extra_opts <<<"$BENCH_JAVA_OPTS"
  JVM_FLAGS+=("${extra_opts[@]}")
fi
exec "$JAVA" "${JVM_FLAGS[@]}" -Dqjmkit.dist.dir="$DIST" \
  -cp "$ROOT/bench/target/classes:$(<"$CP_FILE")" io.qjmkit.bench.BenchMain "${args[@]+"${args[@]}"}"

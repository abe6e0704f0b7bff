# shellcheck shell=bash
# Shared setup for every qjm-kit launcher in bin/. Sourced, never run; expects QJMKIT_CMD (the
# script's name, for messages). Sets (QJMKIT_JAVA and QJMKIT_JVM_OPTS once qjmkit_setup ran):
#   QJMKIT_HOME       the distribution root
#   HADOOP_CONF_DIR   configuration directory (default $QJMKIT_HOME/etc/hadoop), exported
#   QJMKIT_JAVA       the java binary ($JAVA_HOME/bin/java, else java on PATH)
#   QJMKIT_JVM_OPTS   array: JDK 17 flags for Hadoop (DESIGN.md section 9), heap, $QJMKIT_OPTS
# Environment read:
#   JAVA_HOME, HADOOP_CONF_DIR, QJMKIT_HEAP (-Xmx; "1g", "512m", or a number of MB),
#   QJMKIT_OPTS (extra JVM options), QJMKIT_LOG_DIR (default $QJMKIT_HOME/logs),
#   QJMKIT_PID_DIR (default $QJMKIT_LOG_DIR), QJMKIT_ROOT_LOGGER (default INFO,console, or the
#   launcher's QJMKIT_DEFAULT_LOGGER).

# One-line reason on stderr, exit 1.
qjmkit_die() {
  echo "${QJMKIT_CMD:-qjm-kit}: $*" >&2
  exit 1
}

QJMKIT_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
HADOOP_CONF_DIR=${HADOOP_CONF_DIR:-$QJMKIT_HOME/etc/hadoop}
QJMKIT_LOG_DIR=${QJMKIT_LOG_DIR:-$QJMKIT_HOME/logs}
QJMKIT_PID_DIR=${QJMKIT_PID_DIR:-$QJMKIT_LOG_DIR}

# Checks the environment and builds QJMKIT_JAVA and QJMKIT_JVM_OPTS. Called by each launcher after
# it has answered --help, so that help works even with a broken environment.
qjmkit_setup() {
  [[ -d $HADOOP_CONF_DIR ]] \
    || qjmkit_die "HADOOP_CONF_DIR: '$HADOOP_CONF_DIR' is not a directory (point it at the directory holding core-site.xml and hdfs-site.xml)"
  HADOOP_CONF_DIR=$(cd "$HADOOP_CONF_DIR" && pwd -P)
  export HADOOP_CONF_DIR

  if [[ -n ${JAVA_HOME:-} ]]; then
    QJMKIT_JAVA=$JAVA_HOME/bin/java
    [[ -x $QJMKIT_JAVA ]] \
      || qjmkit_die "JAVA_HOME: '$JAVA_HOME' has no bin/java (set JAVA_HOME to a JDK 17 install, or unset it to use java on PATH)"
  else
    QJMKIT_JAVA=$(command -v java || true)
    [[ -n $QJMKIT_JAVA ]] || qjmkit_die "java not found: set JAVA_HOME to a JDK 17 install or put java on PATH"
  fi

  # shellcheck source-path=SCRIPTDIR source=jdk17-flags.sh
  . "$(dirname "${BASH_SOURCE[0]}")/jdk17-flags.sh"
  QJMKIT_JVM_OPTS=("${QJMKIT_JDK17_FLAGS[@]}")

  if [[ -n ${QJMKIT_HEAP:-} ]]; then
    if [[ $QJMKIT_HEAP =~ ^[0-9]+$ ]]; then
      QJMKIT_JVM_OPTS+=("-Xmx${QJMKIT_HEAP}m")
    elif [[ $QJMKIT_HEAP =~ ^[0-9]+[kKmMgG]$ ]]; then
      QJMKIT_JVM_OPTS+=("-Xmx${QJMKIT_HEAP}")
    else
      qjmkit_die "QJMKIT_HEAP: '$QJMKIT_HEAP' is not a heap size (e.g. 1g, 512m, or 1024 for MB)"
    fi
  fi

  # Logging through $HADOOP_CONF_DIR/log4j.properties (found on the classpath).
  QJMKIT_JVM_OPTS+=(
    "-Dhadoop.log.dir=$QJMKIT_LOG_DIR"
    "-Dhadoop.root.logger=${QJMKIT_ROOT_LOGGER:-${QJMKIT_DEFAULT_LOGGER:-INFO,console}}"
    "-Dhadoop.home.dir=$QJMKIT_HOME"
  )

  # Last, so that the user's options win.
  if [[ -n ${QJMKIT_OPTS:-} ]]; then
    local extra_opts
    read -r -a extra_opts <<<"$QJMKIT_OPTS"
    QJMKIT_JVM_OPTS+=("${extra_opts[@]}")
  fi
}

# The classpath of stock Hadoop processes: configuration first, then the webapps the Maven
# Central hadoop-hdfs jar lacks, the Hadoop runtime, our NameNode plugin, and the optional client
# failover proxy provider (bin/hdfs clients may use it; bin/zkfc writes its znode format).
qjmkit_hadoop_classpath() {
  printf '%s' "$HADOOP_CONF_DIR:$QJMKIT_HOME/share/qjm-kit/webapps-root:$QJMKIT_HOME/lib/hadoop/*:$QJMKIT_HOME/share/qjm-kit/namenode-plugin/*:$QJMKIT_HOME/share/qjm-kit/client/*"
}

# The JournalNode's classpath: no Hadoop jar. The conf dir is there only for log4j.properties;
# the JournalNode reads its XML files from $HADOOP_CONF_DIR itself.
qjmkit_journalnode_classpath() {
  printf '%s' "$HADOOP_CONF_DIR:$QJMKIT_HOME/lib/journalnode/*"
}

# qjmkit_exec_hadoop MAIN_CLASS [ARG]...: replaces this shell with a stock Hadoop Java process.
qjmkit_exec_hadoop() {
  local main_class=$1
  shift
  exec "$QJMKIT_JAVA" "${QJMKIT_JVM_OPTS[@]}" -Dhadoop.log.file="${QJMKIT_LOG_FILE:-qjm-kit.log}" \
    -cp "$(qjmkit_hadoop_classpath)" "$main_class" "$@"
}

# True for the arguments that ask for a launcher's own usage.
qjmkit_is_help() {
  [[ ${1:-} == --help || ${1:-} == -h ]]
}

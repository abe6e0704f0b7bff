# shellcheck shell=bash
# The JVM flags Hadoop 3.5.0 uses on JDK 17 (extraJavaTestArgs in hadoop-project-3.5.0.pom),
# each module spelled out. Sourced by libexec/qjm-kit-env.sh and by bench/run.sh, so the
# launchers and the benchmark run with the same list.
# shellcheck disable=SC2034
QJMKIT_JDK17_FLAGS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.math=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.zip=ALL-UNNAMED
  --add-opens=java.base/sun.security.util=ALL-UNNAMED
  --add-opens=java.base/sun.security.x509=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED
  -Djava.net.preferIPv4Stack=true
)

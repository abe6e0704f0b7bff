package io.qjmkit.fencing.ssh;

import java.util.Set;

/**
 * The command {@code sshfence} runs on the NameNode's host: stop whatever listens on the NameNode's
 * TCP port and prove the port is free. It is POSIX {@code sh}, run through {@code /bin/sh -c} so the
 * login shell does not matter. It sends SIGTERM (with {@code fuser}, or to the PIDs {@code ss -p} or
 * {@code lsof} report), waits a few seconds, escalates to SIGKILL, and checks with {@code ss}
 * ({@code fuser}, {@code lsof} or {@code netstat} if absent).
 *
 * <p>Exit status: 0 the port is free (also when nothing listened to begin with); 1 something still
 * listens; 2 the host has no tool to check, so freedom cannot be proven.
 */
final class RemoteKillScript {
    static final int PORT_FREE = 0;
    static final int STILL_LISTENING = 1;
    static final int CANNOT_CHECK = 2;

    /** Checks after each signal, half a second apart: 10 checks give about 5 s per signal. */
    private static final int CHECKS_PER_SIGNAL = 10;

    private static final String TEMPLATE =
            """
            PORT=%d
            CHECKS=%d
            HIDDEN=" %s "
            PATH="$PATH:/sbin:/usr/sbin:/bin:/usr/bin"
            have() {
              case "$HIDDEN" in *" $1 "*) return 1 ;; esac
              command -v "$1" >/dev/null 2>&1
            }
            listening() {
              if have ss; then
                [ -n "$(ss -tln "sport = :$PORT" 2>/dev/null | tail -n +2)" ]
              elif have fuser; then
                fuser -n tcp "$PORT" >/dev/null 2>&1
              elif have lsof; then
                [ -n "$(lsof -nP -t -iTCP:"$PORT" -sTCP:LISTEN 2>/dev/null)" ]
              elif have netstat; then
                netstat -ltn 2>/dev/null | awk '{print $4}' | grep -q "[:.]$PORT\\$"
              else
                echo "no ss, fuser, lsof or netstat on $(hostname): cannot prove tcp port $PORT is free" >&2
                exit %d
              fi
            }
            listener_pids() {
              if have ss; then
                ss -tlnp "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
              elif have lsof; then
                lsof -nP -t -iTCP:"$PORT" -sTCP:LISTEN 2>/dev/null
              fi
            }
            signal_listeners() {
              if have fuser; then
                echo "fuser sent $1 to:$(fuser -k -"$1" -n tcp "$PORT" 2>/dev/null)"
              else
                PIDS=$(listener_pids)
                if [ -n "$PIDS" ]; then echo "kill -$1 $PIDS"; kill -"$1" $PIDS 2>&1; fi
              fi
              return 0
            }
            wait_free() {
              n=$CHECKS
              while [ "$n" -gt 0 ]; do
                listening || return 0
                sleep 0.5 2>/dev/null || sleep 1
                n=$((n - 1))
              done
              ! listening
            }
            if ! listening; then echo "nothing listens on tcp port $PORT"; exit %d; fi
            echo "sending TERM to the processes on tcp port $PORT"
            if have ss; then ss -tlnp "sport = :$PORT" 2>/dev/null | tail -n +2; fi
            signal_listeners TERM
            if wait_free; then echo "tcp port $PORT is free after TERM"; exit %d; fi
            echo "tcp port $PORT still in use after TERM; sending KILL"
            signal_listeners KILL
            if wait_free; then echo "tcp port $PORT is free after KILL"; exit %d; fi
            echo "tcp port $PORT is still in use after KILL: cannot fence (are we allowed to kill it?)" >&2
            exit %d
            """;

    private RemoteKillScript() {}

    /** The full remote command for NameNode port {@code port}. */
    static String forPort(int port) {
        return forPort(port, Set.of());
    }

    /**
     * As {@link #forPort(int)}, acting as if the tools in {@code hiddenTools} (e.g. {@code fuser},
     * {@code ss}) were not installed, so tests can drive every fallback.
     */
    static String forPort(int port, Set<String> hiddenTools) {
        for (String tool : hiddenTools) {
            if (!tool.matches("[a-z]+")) {
                throw new IllegalArgumentException("not a tool name: " + tool);
            }
        }
        String script = TEMPLATE.formatted(
                port,
                CHECKS_PER_SIGNAL,
                String.join(" ", hiddenTools),
                CANNOT_CHECK,
                PORT_FREE,
                PORT_FREE,
                PORT_FREE,
                STILL_LISTENING);
        return shCommand(script);
    }

    /** {@code /bin/sh -c '<script>'} with the script single-quoted for the remote login shell. */
    static String shCommand(String script) {
        return "/bin/sh -c '" + script.replace("'", "'\\''") + "'";
    }
}

package io.qjmkit.haadmin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A well-formed {@code --json} command: {@code [-ns <nameservice>] -getServiceState <id> --json},
 * {@code [-ns <nameservice>] -getAllServiceState --json} or {@code [-ns <nameservice>] -checkHealth
 * <id> --json}. Anything else, including a malformed {@code --json} command, is not a request: it
 * goes to Hadoop's {@code DFSHAAdmin}, which prints the same error {@code hdfs haadmin} prints.
 *
 * @param nameservice the {@code -ns} value, or null to let Hadoop choose as {@code hdfs haadmin} does
 * @param command which query
 * @param namenodeId the NameNode id, or null for {@link Command#GET_ALL_SERVICE_STATE}
 */
public record JsonRequest(String nameservice, Command command, String namenodeId) {
    /** The flag that selects the JSON form. */
    public static final String JSON_FLAG = "--json";

    /** The read-only commands that have a JSON form. */
    public enum Command {
        GET_SERVICE_STATE("-getServiceState", 1),
        GET_ALL_SERVICE_STATE("-getAllServiceState", 0),
        CHECK_HEALTH("-checkHealth", 1);

        private final String flag;
        private final int idCount;

        Command(String flag, int idCount) {
            this.flag = flag;
            this.idCount = idCount;
        }

        /** The command as typed, e.g. {@code -checkHealth}. */
        public String flag() {
            return flag;
        }

        static Optional<Command> of(String flag) {
            for (Command c : values()) {
                if (c.flag.equals(flag)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Parses the arguments left after Hadoop's generic options ({@code -D}, {@code -conf}).
     *
     * @return the request, or empty when the arguments are not a well-formed JSON command
     */
    public static Optional<JsonRequest> parse(String[] args) {
        int i = 0;
        String nameservice = null;
        if (args.length >= 2 && "-ns".equals(args[0])) {
            nameservice = args[1];
            i = 2;
        }
        if (i >= args.length) {
            return Optional.empty();
        }
        Optional<Command> command = Command.of(args[i]);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        List<String> rest = new ArrayList<>();
        int jsonFlags = 0;
        for (int j = i + 1; j < args.length; j++) {
            if (JSON_FLAG.equals(args[j])) {
                jsonFlags++;
            } else {
                rest.add(args[j]);
            }
        }
        Command c = command.get();
        if (jsonFlags != 1 || rest.size() != c.idCount || rest.stream().anyMatch(a -> a.startsWith("-"))) {
            return Optional.empty();
        }
        return Optional.of(new JsonRequest(nameservice, c, rest.isEmpty() ? null : rest.get(0)));
    }
}

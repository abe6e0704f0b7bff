package io.qjmkit.fencing.chain;

/**
 * One parsed line of {@code dfs.ha.fencing.methods}.
 *
 * @param kind which fence method
 * @param argument the text between the parentheses, or an empty string when there were none
 * @param entry the line as configured, for error messages
 */
public record MethodSpec(Kind kind, String argument, String entry) {

    /** The fence methods we implement, by their name in the configuration. */
    public enum Kind {
        SSH("sshfence"),
        SHELL("shell");

        private final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }
}

package dev.ollamamax.shared.config;

/** Where an effective configuration value came from, lowest precedence first. */
public enum ConfigSource {
    DEFAULT("default"),
    DOTENV(".env"),
    ENVIRONMENT("environment"),
    SAVED("saved setting"),
    COMMAND_LINE("command line");

    private final String label;

    ConfigSource(String label) {
        this.label = label;
    }

    /** A short human label, as shown in the UI and in the start-up log. */
    public String label() {
        return label;
    }
}

package dev.ollamamax.shared.config;

/** A configuration value that cannot be used, with a message that names the setting and what it needs. */
public final class ConfigException extends RuntimeException {

    public ConfigException(Setting setting, String value, String expected) {
        super(setting.envName() + " is \"" + value + "\" but must be " + expected);
    }

    public ConfigException(String message) {
        super(message);
    }
}

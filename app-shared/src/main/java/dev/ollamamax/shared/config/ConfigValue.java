package dev.ollamamax.shared.config;

/** One effective value and where it came from. */
public record ConfigValue(Setting setting, String value, ConfigSource source) {

    /** The value as it may be shown or logged: secrets are masked. */
    public String display() {
        if (setting.secret() && !value.isEmpty()) {
            return "********";
        }
        return value;
    }
}

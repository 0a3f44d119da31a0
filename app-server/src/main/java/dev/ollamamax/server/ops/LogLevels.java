package dev.ollamamax.server.ops;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.config.Setting;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code LOG_LEVEL}: the level of the gateway's own loggers ({@code dev.ollamamax…}) and of the root handlers,
 * so {@code LOG_LEVEL=DEBUG} shows our fine-grained messages without turning on every library's. Takes
 * java.util.logging names ({@code SEVERE}, {@code WARNING}, {@code INFO}, {@code FINE}, {@code FINER},
 * {@code FINEST}, {@code ALL}, {@code OFF}) and the usual ones ({@code ERROR}, {@code WARN}, {@code DEBUG},
 * {@code TRACE}).
 */
public final class LogLevels {

    private static final Map<String, Level> ALIASES = Map.of("ERROR", Level.SEVERE, "WARN", Level.WARNING,
            "DEBUG", Level.FINE, "TRACE", Level.FINEST);
    // held so the configured level is not lost when the logger would otherwise be collected
    private static final Logger OURS = Logger.getLogger("dev.ollamamax");

    private LogLevels() {
    }

    /** The level {@code LOG_LEVEL} names; a {@link ConfigException} for a name that is none. */
    public static Level parse(Config config) {
        String value = config.get(Setting.LOG_LEVEL).strip().toUpperCase(Locale.ROOT);
        Level alias = ALIASES.get(value);
        if (alias != null) {
            return alias;
        }
        try {
            return Level.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.LOG_LEVEL, value, "one of ERROR, WARN, INFO, DEBUG, TRACE (or a java.util.logging level)");
        }
    }

    /** Applies {@code LOG_LEVEL}; returns the level set. */
    public static Level apply(Config config) {
        Level level = parse(config);
        OURS.setLevel(level);
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h.getLevel().intValue() > level.intValue()) {
                h.setLevel(level);
            }
        }
        return level;
    }
}

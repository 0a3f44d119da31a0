package dev.ollamamax.shared.stack;

import java.time.Duration;
import java.util.Locale;

/**
 * What happens when the process exits: {@code restart} policy, the first delay ({@code backoff_seconds},
 * doubled on every further restart up to 30 s) and {@code max_restarts} (0 = no limit).
 */
public record Availability(Restart restart, Duration backoff, int maxRestarts) {

    /** process-compose's default: never restart; 1 s backoff; no limit. */
    public static final Availability DEFAULT = new Availability(Restart.NO, Duration.ofSeconds(1), 0);

    public enum Restart {
        ALWAYS, ON_FAILURE, NO;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether an exit with {@code code} calls for a restart. */
        public boolean restartsAfter(int code) {
            return this == ALWAYS || this == ON_FAILURE && code != 0;
        }
    }

    /** Whether another restart is allowed after {@code done} restarts. */
    public boolean allowsAnother(int done) {
        return maxRestarts == 0 || done < maxRestarts;
    }
}

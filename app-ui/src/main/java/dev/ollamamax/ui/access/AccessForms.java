package dev.ollamamax.ui.access;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks the create-key and create-user forms decorate their fields with as the person types (the same
 * rules the gateway enforces, so a refusal is seen before Create).
 */
public final class AccessForms {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");
    static final int MIN_PASSWORD = 8;

    private AccessForms() {
    }

    public static Optional<String> keyName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("Give the key a name, e.g. the app that will use it");
        }
        return name.strip().length() > 100 ? Optional.of("At most 100 characters") : Optional.empty();
    }

    /** An optional per-minute limit: empty, or a whole number above zero. */
    public static Optional<String> limit(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return number(text).isPresent() ? Optional.empty() : Optional.of("A whole number above zero, or empty for no limit");
    }

    /** An optional expiry date, YYYY-MM-DD. */
    public static Optional<String> date(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            LocalDate.parse(text.strip());
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("A date like 2027-01-31, or empty for a key that does not expire");
        }
    }

    public static Optional<String> username(String name) {
        return name != null && USERNAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("3 to 64 letters, digits or . _ @ -");
    }

    public static Optional<String> password(String password) {
        return password != null && password.length() >= MIN_PASSWORD ? Optional.empty()
                : Optional.of("At least " + MIN_PASSWORD + " characters");
    }

    static Optional<Integer> number(String text) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.strip());
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

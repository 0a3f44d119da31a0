package dev.ollamamax.shared.yaml;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fills in variables the way Compose does: {@code ${VAR}}, {@code ${VAR:-default}} (default when unset or
 * empty), {@code ${VAR-default}} (default when unset), {@code ${VAR?error}}, {@code $VAR} and {@code $$} for a
 * dollar sign. A variable that is unset and has no default makes the whole value unknown (empty), reported
 * once through {@code unset}.
 */
public final class Variables {

    private final Map<String, String> values;
    private final Consumer<String> unset;

    /** @param unset told the name of each variable used without a value or default */
    public Variables(Map<String, String> values, Consumer<String> unset) {
        this.values = Map.copyOf(values);
        this.unset = unset;
    }

    public Optional<String> fill(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    return Optional.empty();
                }
                Optional<String> v = variable(text.substring(i + 2, close));
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                out.append(v.get());
                i = close + 1;
            } else {
                int end = i + 1;
                boolean nameStart = Character.isLetter(next) || next == '_';
                while (nameStart && end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                if (end == i + 1) {
                    out.append(c);
                    i++;
                    continue;
                }
                Optional<String> v = variable(text.substring(i + 1, end));
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                out.append(v.get());
                i = end;
            }
        }
        return Optional.of(out.toString());
    }

    private Optional<String> variable(String expr) {
        int colonDash = expr.indexOf(":-");
        int dash = expr.indexOf('-');
        int q = expr.indexOf('?');
        String name = expr;
        Optional<String> fallback = Optional.empty();
        boolean emptyIsUnset = false;
        if (colonDash >= 0) {
            name = expr.substring(0, colonDash);
            fallback = Optional.of(expr.substring(colonDash + 2));
            emptyIsUnset = true;
        } else if (dash >= 0) {
            name = expr.substring(0, dash);
            fallback = Optional.of(expr.substring(dash + 1));
        } else if (q >= 0) {
            name = expr.substring(0, q > 0 && expr.charAt(q - 1) == ':' ? q - 1 : q);
        }
        String value = values.get(name);
        if (value == null || emptyIsUnset && value.isEmpty()) {
            if (fallback.isEmpty()) {
                unset.accept(name);
            }
            return fallback;
        }
        return Optional.of(value);
    }
}

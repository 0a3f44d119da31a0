package dev.ollamamax.shared.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads {@code environment} written either as a list of {@code KEY=value} or as a mapping. */
final class EnvironmentReader {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvironmentReader() {
    }

    static Map<String, String> read(Spot at) {
        Map<String, String> env = new LinkedHashMap<>();
        if (at.node().asSequence().isPresent()) {
            for (Spot item : at.items()) {
                String text = item.text();
                int eq = text.indexOf('=');
                if (eq <= 0) {
                    throw item.error("must be KEY=value, not \"" + text + "\"");
                }
                put(env, item, text.substring(0, eq), text.substring(eq + 1));
            }
        } else if (at.node().asMapping().isPresent()) {
            for (Spot entry : at.entries()) {
                put(env, entry, entry.key(), entry.node().asText().isEmpty() ? "" : entry.text());
            }
        } else {
            throw at.error("must be a list of KEY=value or a mapping, not " + at.node().kind());
        }
        return env;
    }

    private static void put(Map<String, String> env, Spot at, String key, String value) {
        if (!KEY.matcher(key).matches()) {
            throw at.error("has \"" + key + "\", which is not a variable name");
        }
        if (env.put(key, value) != null) {
            throw at.error("sets " + key + " twice");
        }
    }
}

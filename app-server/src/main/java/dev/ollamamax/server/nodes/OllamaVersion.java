package dev.ollamamax.server.nodes;

import java.util.Comparator;
import java.util.Optional;

/**
 * Ollama version strings ({@code 0.12.11}, {@code 0.13.0-rc1}) compared by their numbers; a pre-release
 * sorts before its release. A version that does not start with a number is unknown.
 */
public final class OllamaVersion {

    /** Orders known versions by their numbers, lowest first. */
    public static final Comparator<String> ORDER = OllamaVersion::compare;

    private OllamaVersion() {
    }

    /** Whether {@code version} is known and at least {@code minimum}. */
    public static boolean atLeast(Optional<String> version, String minimum) {
        return version.filter(OllamaVersion::known).map(v -> compare(v, minimum) >= 0).orElse(false);
    }

    public static boolean known(String version) {
        return version != null && !version.isEmpty() && Character.isDigit(strip(version).charAt(0));
    }

    static int compare(String a, String b) {
        String[] x = strip(a).split("-", 2);
        String[] y = strip(b).split("-", 2);
        String[] xs = x[0].split("\\.");
        String[] ys = y[0].split("\\.");
        for (int i = 0; i < Math.max(xs.length, ys.length); i++) {
            int c = Long.compare(number(xs, i), number(ys, i));
            if (c != 0) {
                return c;
            }
        }
        if (x.length != y.length) {
            return x.length == 1 ? 1 : -1; // 0.13.0 is newer than 0.13.0-rc1
        }
        return x.length == 1 ? 0 : x[1].compareTo(y[1]);
    }

    private static String strip(String v) {
        return v.startsWith("v") ? v.substring(1) : v;
    }

    private static long number(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        String digits = parts[i].replaceAll("[^0-9].*$", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}

package dev.ollamamax.ui.readymade;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The files of {@code packaging/} (Prometheus configuration, Grafana provisioning and dashboard), shipped in the
 * desktop jar under {@code readymade/}, and the few edits that point them at this machine. An edit whose text is
 * no longer in the file fails loudly: the generated configuration never silently keeps the compose values.
 */
final class Templates {

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private Templates() {
    }

    /** The text of {@code packaging/<path>}. */
    static String read(String path) {
        String resource = "/readymade/" + path;
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the desktop jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with {@code what} replaced by {@code with}; {@code what} must occur. */
    static String replace(String text, String what, String with, String file) {
        if (!text.contains(what)) {
            throw new IllegalStateException("packaging/" + file + " no longer contains \"" + what.strip()
                    + "\"; the ready-made entry must be updated with it");
        }
        return text.replace(what, with);
    }

    /** {@code value} as one word for the stack file's shell ({@code sh -c}, or {@code cmd /c} on Windows). */
    static String quote(String value) {
        if (WINDOWS) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** {@code value} as a double-quoted YAML scalar. */
    static String yaml(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package dev.ollamamax.ui.nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Modelfile as Ollama's {@code docs/modelfile.mdx} writes it ({@code FROM}, {@code PARAMETER}, {@code SYSTEM},
 * {@code TEMPLATE}, {@code LICENSE}, {@code MESSAGE}; values bare to the end of the line, {@code "quoted"} or
 * {@code """multi-line"""}; {@code #} comments), read into the fields of {@code /api/create} the way the
 * {@code ollama} CLI does before it sends them. A file or adapter needs its blobs uploaded first, which the
 * editor does not do: such lines are refused by name.
 */
record Modelfile(Optional<String> from, Optional<String> system, Optional<String> template, List<String> licenses,
                 Map<String, Object> parameters, List<Map<String, String>> messages) {

    static final Modelfile EMPTY = new Modelfile(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of(), List.of());

    /** Reads the text; a line it cannot use throws {@link IllegalArgumentException} naming the line. */
    static Modelfile parse(String text) {
        Reader r = new Reader(text == null ? "" : text);
        Optional<String> from = Optional.empty();
        Optional<String> system = Optional.empty();
        Optional<String> template = Optional.empty();
        List<String> licenses = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<Map<String, String>> messages = new ArrayList<>();
        while (r.nextCommand()) {
            String command = r.word().toUpperCase(Locale.ROOT);
            int line = r.line();
            switch (command) {
                case "FROM" -> from = Optional.of(model(r.value(), line));
                case "SYSTEM" -> system = Optional.of(r.value());
                case "TEMPLATE" -> template = Optional.of(r.value());
                case "LICENSE" -> licenses.add(r.value());
                case "PARAMETER" -> {
                    String name = r.word().toLowerCase(Locale.ROOT);
                    ModelParameters.put(parameters, name, r.value(), line);
                }
                case "MESSAGE" -> {
                    String role = r.word().toLowerCase(Locale.ROOT);
                    if (!List.of("system", "user", "assistant").contains(role)) {
                        throw new IllegalArgumentException("Line " + line + ": MESSAGE takes system, user or assistant, not '" + role + "'");
                    }
                    messages.add(Map.of("role", role, "content", r.value()));
                }
                case "ADAPTER" -> throw new IllegalArgumentException("Line " + line
                        + ": ADAPTER needs the adapter's blobs uploaded first; use `ollama create` against the gateway for that");
                default -> throw new IllegalArgumentException("Line " + line + ": unknown instruction '" + command
                        + "' (FROM, PARAMETER, SYSTEM, TEMPLATE, LICENSE, MESSAGE)");
            }
        }
        return new Modelfile(from, system, template, List.copyOf(licenses), parameters, List.copyOf(messages));
    }

    /** The error of the text in words, empty when it reads. */
    static Optional<String> check(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String model(String from, int line) {
        String f = from.strip();
        String lower = f.toLowerCase(Locale.ROOT);
        if (f.startsWith(".") || f.startsWith("/") || f.startsWith("~") || f.contains("\\") || lower.endsWith(".gguf")
                || lower.endsWith(".safetensors")) {
            throw new IllegalArgumentException("Line " + line + ": FROM a file needs its blobs uploaded first;"
                    + " use `ollama create` against the gateway for a GGUF or safetensors import");
        }
        if (f.isEmpty()) {
            throw new IllegalArgumentException("Line " + line + ": FROM names the base model, e.g. FROM llama3.2");
        }
        return f;
    }

    /** Walks the text: commands, words and values, counting lines. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        int line() {
            return 1 + (int) s.substring(0, i).chars().filter(c -> c == '\n').count();
        }

        /** Skips blank lines and comments; true when a command starts here. */
        boolean nextCommand() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '#') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else {
                    return true;
                }
            }
            return false;
        }

        String word() {
            skipSpaces();
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        String value() {
            skipSpaces();
            if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                if (end < 0) {
                    throw new IllegalArgumentException("Line " + line() + ": a \"\"\" value is not closed");
                }
                String v = s.substring(i + 3, end);
                i = end + 3;
                return v;
            }
            int end = s.indexOf('\n', i);
            String rest = s.substring(i, end < 0 ? s.length() : end).strip();
            i = end < 0 ? s.length() : end;
            if (rest.length() >= 2 && rest.startsWith("\"") && rest.endsWith("\"")) {
                return rest.substring(1, rest.length() - 1).replace("\\\"", "\"");
            }
            return rest;
        }

        private void skipSpaces() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }
    }
}

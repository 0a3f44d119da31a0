package dev.ollamamax.ui.readymade;

import dev.ollamamax.shared.stack.ProcessSpec;
import dev.ollamamax.shared.stack.StackException;
import dev.ollamamax.shared.stack.StackFile;
import dev.ollamamax.shared.stack.StackReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Adds a process entry to a stack file by editing its text, so that the user's comments, order and layout stay as
 * they were: the entry goes at the end of the {@code processes:} block with the file's own indentation. The result
 * is read back with {@link StackReader} before it replaces the file; a name already declared is refused.
 */
final class StackFileEditor {

    private static final Pattern PROCESSES = Pattern.compile("^processes:\\s*(#.*)?$");
    private static final Pattern EMPTY_PROCESSES = Pattern.compile("^processes:\\s*\\{\\s*}\\s*(#.*)?$");

    private StackFileEditor() {
    }

    /** Writes {@code file} with {@code entry} (lines relative to the entry's name) added as process {@code name}. */
    static void add(Path file, String name, String entry) throws IOException {
        String before = Files.isRegularFile(file) ? Files.readString(file) : "";
        Map<String, String> values = StackReader.variables(file.toAbsolutePath().getParent());
        String after = with(before, name, entry, values);
        try {
            StackFile parsed = StackReader.parse(after, file.toString(), file.getParent(), values);
            if (parsed.processes().stream().noneMatch(p -> p.name().equals(name))) {
                throw new IllegalStateException("the new entry was not read back as processes." + name);
            }
        } catch (StackException e) {
            throw new IOException("Adding " + name + " would break " + file + ": " + e.getMessage(), e);
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".ollamamax-stack", ".yaml");
        Files.writeString(temp, after);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code text} with the entry added; refuses a name that is already declared. */
    static String with(String text, String name, String entry, Map<String, String> values) throws IOException {
        if (text.isBlank()) {
            return "# OllamaMax stack file: processes the desktop starts with its window (see README, \"Your own processes\").\n"
                    + "processes:\n" + indent(name, entry, "  ");
        }
        declared(text, name, values);
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (int i = 0; i < lines.size(); i++) {
            if (EMPTY_PROCESSES.matcher(lines.get(i)).matches()) {
                lines.set(i, "processes:");
                lines.add(i + 1, indent(name, entry, "  ").stripTrailing());
                return String.join("\n", lines) + "\n";
            }
            if (PROCESSES.matcher(lines.get(i)).matches()) {
                int end = i + 1;
                String unit = "  ";
                boolean sawChild = false;
                for (int j = i + 1; j < lines.size(); j++) {
                    String line = lines.get(j);
                    if (line.isBlank() || line.stripLeading().startsWith("#")) {
                        continue;
                    }
                    if (!Character.isWhitespace(line.charAt(0))) {
                        break;
                    }
                    if (!sawChild) {
                        unit = line.substring(0, line.length() - line.stripLeading().length());
                        sawChild = true;
                    }
                    end = j + 1;
                }
                lines.add(end, indent(name, entry, unit).stripTrailing());
                return String.join("\n", lines) + "\n";
            }
        }
        return text + (text.endsWith("\n") ? "" : "\n") + "processes:\n" + indent(name, entry, "  ");
    }

    private static void declared(String text, String name, Map<String, String> values) throws IOException {
        StackFile current;
        try {
            current = StackReader.parse(text, StackFile.FILE_NAME, Path.of("."), values);
        } catch (StackException e) {
            throw new IOException("The stack file has a mistake to fix first: " + e.getMessage(), e);
        }
        for (ProcessSpec p : current.processes()) {
            if (p.name().equals(name)) {
                throw new IOException("processes." + name + " is already in the stack file (line " + p.line() + ")");
            }
        }
    }

    /** {@code name:} at {@code unit} and the entry's lines one level deeper ({@code unit} twice). */
    private static String indent(String name, String entry, String unit) {
        StringBuilder out = new StringBuilder(unit).append(name).append(":\n");
        entry.lines().forEach(l -> out.append(l.isBlank() ? "" : unit + unit + l).append('\n'));
        return out.toString();
    }
}

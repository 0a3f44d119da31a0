package dev.ollamamax.shared.ports.envfile;

import dev.ollamamax.shared.config.DotEnv;
import dev.ollamamax.shared.config.Setting;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changes one value of a {@code .env} file in place: every other line (comments, blank lines, order,
 * {@code export}, quotes, trailing comments, line endings) stays as it was. The new content goes to a
 * temporary file that is then moved over the old one atomically; the old content is kept as
 * {@code <file>.bak}. A file that does not exist is not created.
 */
public final class EnvFileEditor {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LINE = Pattern.compile("^(\\s*(?:export\\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\\s*=[ \\t]*)(.*)$");

    private EnvFileEditor() {
    }

    /**
     * Sets {@code key} to {@code value}. Lines naming the same setting under another name (an alias such as
     * {@code GO_API_PORT} for {@code BACKEND_API_PORT}) are changed too, each keeping its own name; when no
     * line names it, {@code KEY=value} is appended.
     *
     * @throws IllegalArgumentException for a key that is not a variable name or a value that cannot be written on one line
     * @throws NoSuchFileException when the file does not exist (nothing is written)
     */
    public static EditResult set(Path envFile, String key, String value) throws IOException {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("\"" + key + "\" is not a valid .env key: use letters, digits and"
                    + " underscores, not starting with a digit");
        }
        if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("The value for " + key + " must be a single line");
        }
        if (!Files.exists(envFile)) {
            throw new NoSuchFileException(envFile.toString(), null, "no such .env file; nothing was written");
        }
        Path target = envFile.toRealPath();
        if (!Files.isRegularFile(target)) {
            throw new IOException(target + " is not a regular file; nothing was written");
        }
        String text = Files.readString(target, StandardCharsets.UTF_8);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split("\\r?\\n", -1)));
        boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
        if (endsWithNewline) {
            lines.removeLast();
        }
        Set<String> names = names(key);
        Optional<String> exactOld = Optional.empty();
        Optional<String> aliasOld = Optional.empty();
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches() || !names.contains(m.group(2))) {
                continue;
            }
            Optional<String> old = DotEnv.parseLine(lines.get(i)).map(java.util.Map.Entry::getValue);
            if (m.group(2).equals(key)) {
                exactOld = exactOld.isPresent() ? exactOld : old;
            } else {
                aliasOld = aliasOld.isPresent() ? aliasOld : old;
            }
            lines.set(i, m.group(1) + m.group(2) + m.group(3) + replaceValue(m.group(4), value));
            replaced = true;
        }
        if (!replaced) {
            lines.add(key + "=" + encode(value, Optional.empty()));
        }
        String updated = String.join(eol, lines) + (endsWithNewline || !replaced ? eol : "");
        Path backup = target.resolveSibling(target.getFileName() + ".bak");
        writeAtomically(target, updated, backup);
        Optional<String> old = exactOld.isPresent() ? exactOld : aliasOld;
        return new EditResult(target, backup, old, value);
    }

    /** The key, and when it names a setting, every name that setting is read under. */
    private static Set<String> names(String key) {
        Set<String> names = new LinkedHashSet<>();
        names.add(key);
        Setting.find(key).ifPresent(s -> {
            names.add(s.envName());
            names.addAll(s.aliases());
        });
        return names;
    }

    /** Replaces the value part of a line, keeping its quote style and any trailing comment. */
    private static String replaceValue(String rest, String value) {
        if (!rest.isEmpty() && (rest.charAt(0) == '"' || rest.charAt(0) == '\'')) {
            char q = rest.charAt(0);
            int close = rest.indexOf(q, 1);
            String suffix = close < 0 ? "" : rest.substring(close + 1);
            return encode(value, Optional.of(q)) + suffix;
        }
        int hash = rest.indexOf(" #");
        int tab = rest.indexOf("\t#");
        int cut = hash < 0 ? tab : tab < 0 ? hash : Math.min(hash, tab);
        if (cut < 0) {
            return encode(value, Optional.empty());
        }
        String bare = rest.substring(0, cut);
        int end = bare.stripTrailing().length();
        return encode(value, Optional.empty()) + rest.substring(end);
    }

    /** The value as written: in the line's own quotes when it had some, else bare when safe, else quoted. */
    private static String encode(String value, Optional<Character> quote) {
        if (quote.isPresent() && value.indexOf(quote.get()) < 0) {
            return quote.get() + value + quote.get();
        }
        boolean plain = value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '#' || c == '"' || c == '\'' || c == '\\');
        if (plain) {
            return value;
        }
        if (value.indexOf('"') < 0) {
            return '"' + value + '"';
        }
        if (value.indexOf('\'') < 0) {
            return "'" + value + "'";
        }
        throw new IllegalArgumentException("A .env value cannot contain both ' and \" quotes");
    }

    private static void writeAtomically(Path target, String content, Path backup) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the temporary file keeps its default permissions
            }
            Files.copy(target, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

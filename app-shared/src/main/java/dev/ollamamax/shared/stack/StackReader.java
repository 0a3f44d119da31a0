package dev.ollamamax.shared.stack;

import dev.ollamamax.shared.config.DotEnv;
import dev.ollamamax.shared.yaml.Variables;
import dev.ollamamax.shared.yaml.YamlException;
import dev.ollamamax.shared.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code ollamamax-stack.yaml}. Top level: {@code processes} (required), {@code environment} (added to
 * every process) and process-compose's {@code version} (ignored). {@code ${VAR}} takes its value from the
 * environment, then from the {@code .env} next to the file.
 */
public final class StackReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    private StackReader() {
    }

    /** Reads {@code file} with the variables of the {@code .env} beside it and of this process's environment. */
    public static StackFile read(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), dir, variables(dir));
    }

    /** The variables a stack file in {@code dir} can use: the {@code .env} beside it, then this process's environment. */
    public static Map<String, String> variables(Path dir) throws IOException {
        Map<String, String> values = new HashMap<>(DotEnv.read(dir.resolve(".env")));
        values.putAll(System.getenv());
        return values;
    }

    /**
     * Parses a stack file's text.
     *
     * @param baseDir  what relative {@code working_dir}s are resolved against (and the default working folder)
     * @param values   the variables {@code ${VAR}} can use
     * @throws StackException naming the file, the line and the field of the first problem
     */
    public static StackFile parse(String text, String fileName, Path baseDir, Map<String, String> values) {
        List<String> unset = new ArrayList<>();
        Spot root;
        try {
            root = Spot.root(fileName, YamlReader.read(text, fileName), new Variables(values, unset::add), unset);
        } catch (YamlException e) {
            throw new StackException(e.getMessage(), e.line());
        }
        root.mapping(Set.of("version", "processes", "environment"));
        Map<String, String> shared = root.child("environment").map(EnvironmentReader::read).orElse(Map.of());
        Spot processes = root.child("processes").orElseThrow(() -> root.error("needs a processes: mapping"));
        List<ProcessSpec> specs = new ArrayList<>();
        for (Spot entry : processes.entries()) {
            if (!NAME.matcher(entry.key()).matches()) {
                throw entry.error("is not a usable process name (letters, digits, '.', '_' and '-', up to 63)");
            }
            specs.add(ProcessReader.read(entry, baseDir, shared));
        }
        return new StackFile(Path.of(fileName), DependencyOrder.of(fileName, specs));
    }
}

package dev.ollamamax.shared.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A read and checked stack file: its processes in start order (each after what it depends on, otherwise in
 * file order), disabled ones included.
 */
public record StackFile(Path source, List<ProcessSpec> processes) {

    /** The usual file name, looked for in the project folder and in {@code OLLAMAMAX_HOME}. */
    public static final String FILE_NAME = "ollamamax-stack.yaml";

    public StackFile {
        processes = List.copyOf(processes);
    }

    public Optional<ProcessSpec> process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The processes that start with the window: all but {@code disabled: true}, in start order. */
    public List<ProcessSpec> enabled() {
        return processes.stream().filter(p -> !p.disabled()).toList();
    }
}

package dev.ollamamax.shared.ports;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a service's port is configured: the key ({@code PORT}, {@code GO_API_PORT},
 * {@code services.grafana.ports}), the layer or kind of file that set it ({@code default}, {@code .env},
 * {@code environment}, {@code compose}…) and the file, when a file set it.
 */
public record PortOrigin(String key, String source, Optional<Path> file) {

    /** "PORT", "PORT from environment", "GO_API_PORT in /work/app/.env". */
    public String describe() {
        if (file.isPresent()) {
            return key + " in " + file.get();
        }
        return source.isEmpty() || source.equals("default") ? key : key + " from " + source;
    }

    /** The {@link #source()} of a port declared in a stack file ({@code ollamamax-stack.yaml}). */
    public static final String STACK_FILE = "stack file";

    /** True when the port is set in a compose file (it can only be moved by editing the mapping). */
    public boolean isCompose() {
        return source.equals("compose");
    }

    /** True when the port is set in a YAML file we do not rewrite (compose or stack file): moved by hand. */
    public boolean editedByHand() {
        return isCompose() || source.equals(STACK_FILE);
    }
}

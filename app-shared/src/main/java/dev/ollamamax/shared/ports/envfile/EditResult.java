package dev.ollamamax.shared.ports.envfile;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link EnvFileEditor#set} did: the file it rewrote (symbolic links resolved), the copy of the file
 * as it was before, the value the key had (empty when the line was appended) and the value written.
 */
public record EditResult(Path file, Path backup, Optional<String> oldValue, String newValue) {
}

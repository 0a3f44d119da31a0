package dev.ollamamax.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in for the {@code ollama} program, for tests of the code that runs {@code ollama serve}: a shell
 * script that reads the port from {@code OLLAMA_HOST} like Ollama does and runs {@link FakeOllamaMain} on it
 * with this JVM's class path, so the real process path (start, log, exit, restart) is exercised.
 */
public final class FakeOllamaBinary {

    private FakeOllamaBinary() {
    }

    /** Writes an executable {@code ollama} into {@code dir} whose {@code serve} runs a FakeOllama; returns its path. */
    public static Path install(Path dir, String... fakeOptions) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String options = String.join(" ", List.of(fakeOptions).stream().map(FakeOllamaBinary::quote).toList());
        return write(dir, String.join("\n",
                "#!/bin/sh",
                "# a fake ollama for tests: only 'serve' is known",
                "if [ \"$1\" != \"serve\" ]; then echo \"Error: unknown command \\\"$1\\\" for \\\"ollama\\\"\" >&2; exit 1; fi",
                "port=\"${OLLAMA_HOST##*:}\"",
                "echo \"fake ollama: serving on 127.0.0.1:$port\"",
                "exec " + quote(java) + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp "
                        + quote(System.getProperty("java.class.path"))
                        + " dev.ollamamax.server.testing.FakeOllamaMain \"$port\" " + options,
                ""));
    }

    /** Writes an executable {@code ollama} that prints an error and exits with code 1 at once. */
    public static Path failing(Path dir, String message) throws IOException {
        return write(dir, "#!/bin/sh\necho " + quote(message) + " >&2\nexit 1\n");
    }

    private static Path write(Path dir, String script) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("ollama");
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

package dev.ollamamax.shared.ports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a small system tool (lsof, ps, netstat, tasklist) and returns its output, or nothing when it fails
 * or takes longer than three seconds.
 */
final class Commands {

    private static final long TIMEOUT_MS = 3000;

    private Commands() {
    }

    static Optional<String> run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            return Optional.empty();
        }
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (InputStream in = process.getInputStream()) {
                output.complete(in.readAllBytes());
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        });
        try {
            if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(output.get(TIMEOUT_MS, TimeUnit.MILLISECONDS), Charset.defaultCharset()));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

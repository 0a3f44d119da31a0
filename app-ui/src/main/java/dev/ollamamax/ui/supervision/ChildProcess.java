package dev.ollamamax.ui.supervision;

import dev.ollamamax.shared.runtime.LogBuffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Launching a shell command as a child process, following its output, and ending it with its children. */
final class ChildProcess {

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    private ChildProcess() {
    }

    /** The shell that runs {@code command}: {@code sh -c} or, on Windows, {@code cmd /c}. */
    static List<String> shell(String command) {
        return WINDOWS ? List.of("cmd", "/c", command) : List.of("sh", "-c", command);
    }

    /** Starts {@code command} in {@code dir} with {@code env} added to this process's environment; stderr joins stdout. */
    static Process launch(String command, Path dir, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(shell(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Appends every line the process prints to {@code log}, on a virtual thread, until its output closes. */
    static Thread follow(Process p, LogBuffer log, String name) {
        return Thread.ofVirtual().name("stack-log-" + name).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    log.append(line);
                }
            } catch (IOException gone) {
                // the process is gone
            }
        });
    }

    /**
     * Asks the process and its children to end (SIGTERM), waits up to {@code grace}, then kills what is left
     * (SIGKILL). Returns once the process has exited.
     */
    static void terminate(Process p, Duration grace) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            child.destroyForcibly();
        }
    }
}

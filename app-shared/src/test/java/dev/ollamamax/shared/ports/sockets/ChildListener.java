package dev.ollamamax.shared.ports.sockets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real process ({@link HoldPort}) listening on a loopback port, started through a given java executable:
 * as a child of this JVM, or detached (through {@code sh … &}, so it is nobody's child here, like an Ollama
 * started by the system). It ends when its stdin closes, or (detached) when {@link #close()} ends it by PID.
 */
public final class ChildListener implements AutoCloseable {

    private final Process process;
    private final int port;
    private final long pid;

    private ChildListener(Process process, int port, long pid) {
        this.process = process;
        this.port = port;
        this.pid = pid;
    }

    public static Path javaExecutable() {
        return Path.of(ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java"));
    }

    /** Starts {@link HoldPort} with the given executable (the JVM itself, or a link to it under another name). */
    public static ChildListener start(Path executable) throws IOException {
        return start(executable, false);
    }

    /** Started by a shell that exits at once, so the listener is reparented away from this JVM. */
    public static ChildListener startDetached(Path executable) throws IOException {
        return start(executable, true);
    }

    private static ChildListener start(Path executable, boolean detached) throws IOException {
        Path classes;
        try {
            classes = Path.of(HoldPort.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(executable.toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", classes.toString(), HoldPort.class.getName()));
        Path errors = java.nio.file.Files.createTempFile("child-listener", ".err");
        String line;
        Process p;
        if (detached) {
            // the shell exits at once, and Java closes a process's stdout pipe when it exits: the listener
            // writes its port to a file instead, polled here
            Path out = java.nio.file.Files.createTempFile("child-listener", ".out");
            command.add("detached");
            command.addAll(0, java.util.List.of("/bin/sh", "-c", "\"$@\" >" + out + " 2>" + errors + " &", "sh"));
            p = new ProcessBuilder(command).start();
            line = null;
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end) {
                String text = java.nio.file.Files.readString(out);
                if (text.endsWith("\n")) {
                    line = text.strip();
                    break;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } else {
            p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            line = reader.readLine();
        }
        if (line == null) {
            p.destroyForcibly();
            throw new IOException("child listener did not start: " + command + ": "
                    + java.nio.file.Files.readString(errors));
        }
        String[] portAndPid = line.strip().split(" ");
        return new ChildListener(p, Integer.parseInt(portAndPid[0]), Long.parseLong(portAndPid[1]));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return pid;
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            java.util.Optional<ProcessHandle> listener = ProcessHandle.of(pid);
            if (listener.isPresent()) {
                listener.get().destroy();
                try {
                    listener.get().onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    listener.get().destroyForcibly();
                }
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

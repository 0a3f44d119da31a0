package dev.ollamamax.ui.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Another process holding a port, as a stranger would: a child JVM that listens on a loopback port and
 * exits when its standard input closes (or it is stopped). {@link #main} is the child's side.
 */
public final class PortHolder implements AutoCloseable {

    private final Process process;
    private final int port;

    private PortHolder(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the child on a free loopback port and waits until it listens. */
    public static PortHolder start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                PortHolder.class.getName())).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            p.destroyForcibly();
            throw new IOException("the port holder did not start: " + line);
        }
        return new PortHolder(p, Integer.parseInt(line.substring("listening ".length()).strip()));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("listening " + socket.getLocalPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the port until the parent closes our stdin
            }
        }
    }
}

package dev.ollamamax.server.store;

import dev.ollamamax.shared.ports.probe.PortCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Picks a loopback port for an embedded server: the preferred one when free, else one the system gives.
 * Choosing a port and binding it are two steps; {@link #whileChoosing} keeps other gateways on this
 * machine (other processes through a lock file, other threads through a monitor) from choosing the same
 * free port in between.
 */
final class FreePort {

    /** Serialises choosing among threads of this process (file locks only exclude other processes). */
    private static final Object CHOOSING = new Object();
    private static final Path LOCK_FILE = Path.of(System.getProperty("java.io.tmpdir"), "ollamamax-embedded-ports.lock");

    @FunctionalInterface
    interface PortWork<T> {
        T run() throws Exception;
    }

    private FreePort() {
    }

    /** Runs {@code work} (choose a port and start a server on it) while no other gateway on this machine does. */
    static <T> T whileChoosing(PortWork<T> work) throws Exception {
        synchronized (CHOOSING) {
            FileChannel channel;
            try {
                channel = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException noLockFile) {
                return work.run();
            }
            // the work runs once: an IOException it throws is its own failure, never a reason to run it again
            // (that once started a second PostgreSQL on a folder whose initdb was still running)
            try (channel) {
                FileLock lock = acquire(channel);
                try {
                    return work.run();
                } finally {
                    if (lock != null && lock.isValid()) {
                        lock.release();
                    }
                }
            }
        }
    }

    private static FileLock acquire(FileChannel channel) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    static boolean isFree(int port) {
        return PortCheck.canBind(InetAddress.getLoopbackAddress(), port);
    }

    /** The first free port among the candidates (0 and negatives skipped), else an ephemeral one. */
    static int choose(int... candidates) {
        for (int candidate : candidates) {
            if (isFree(candidate)) {
                return candidate;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback address", e);
        }
    }
}

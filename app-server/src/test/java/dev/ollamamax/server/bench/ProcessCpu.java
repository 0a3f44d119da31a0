package dev.ollamamax.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** User plus system CPU time of a process and its descendants (Linux {@code /proc}), in nanoseconds. */
final class ProcessCpu {

    private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux

    private ProcessCpu() {
    }

    static long nanos(long pid) throws IOException {
        long total = own(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
            total += own(child.pid());
        }
        return total;
    }

    private static long own(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the name start at 3 (state): utime is field 14, stime 15
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
    }
}

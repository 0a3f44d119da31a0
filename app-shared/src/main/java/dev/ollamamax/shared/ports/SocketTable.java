package dev.ollamamax.shared.ports;

import java.util.List;
import java.util.Locale;

/** The TCP sockets listening on this machine right now, with the processes that hold them. */
public interface SocketTable {

    /** One reading of the table; never throws: an unreadable table gives what could be read (maybe nothing). */
    List<Listening> listening();

    /**
     * The table of this machine: {@code /proc} on Linux (fast, no external program), {@code lsof} on
     * macOS and {@code netstat -ano} on Windows (best effort: an absent tool gives an empty list).
     */
    static SocketTable system() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return new ProcNetTable(java.nio.file.Path.of("/proc"), java.nio.file.Path.of("/etc/passwd"));
        }
        if (os.contains("win")) {
            return new NetstatTable();
        }
        return new LsofTable();
    }
}

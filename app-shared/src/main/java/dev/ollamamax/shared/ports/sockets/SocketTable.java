package dev.ollamamax.shared.ports.sockets;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The TCP sockets listening on this machine right now, with the processes that hold them. */
public interface SocketTable {

    /** One reading of the table; never throws: an unreadable table gives what could be read (maybe nothing). */
    List<Listening> listening();

    /**
     * The table of this machine: {@code /proc} on Linux (no native code, no external program), OSHI's native
     * calls elsewhere (macOS, Windows; ADR 0012).
     */
    static SocketTable system() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return new ProcNetTable(Path.of("/proc"), Path.of("/etc/passwd"));
        }
        return new OshiSocketTable();
    }
}

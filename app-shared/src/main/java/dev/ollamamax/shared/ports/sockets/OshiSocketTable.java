package dev.ollamamax.shared.ports.sockets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * macOS and Windows (and any other system OSHI supports): listening TCP sockets and their processes through
 * OSHI's native calls ({@code proc_pidinfo} on macOS, {@code GetExtendedTcpTable} on Windows), instead of
 * parsing {@code lsof} or {@code netstat} output. Where the OS does not name a socket's process it comes
 * without a holder. See ADR 0012.
 */
public final class OshiSocketTable implements SocketTable {

    private static final Logger LOG = Logger.getLogger(OshiSocketTable.class.getName());

    private final OperatingSystem os;

    public OshiSocketTable() {
        this(new SystemInfo().getOperatingSystem());
    }

    OshiSocketTable(OperatingSystem os) {
        this.os = os;
    }

    @Override
    public List<Listening> listening() {
        List<Listening> result = new ArrayList<>();
        try {
            Map<Integer, Optional<Holder>> holders = new HashMap<>();
            for (IPConnection c : os.getInternetProtocolStats().getConnections()) {
                if (!c.getType().startsWith("tcp") || c.getState() != TcpState.LISTEN) {
                    continue;
                }
                Optional<String> address = address(c.getLocalAddress());
                if (address.isEmpty()) {
                    continue;
                }
                int pid = c.getowningProcessId();
                Optional<Holder> holder = pid <= 0 ? Optional.empty() : holders.computeIfAbsent(pid, this::holder);
                result.add(new Listening(address.get(), c.getLocalPort(), holder));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "The socket table could not be read through OSHI", e);
        }
        return result;
    }

    private Optional<Holder> holder(int pid) {
        OSProcess p = os.getProcess(pid);
        if (p == null) {
            return Optional.of(new Holder(pid, "", ""));
        }
        String command = p.getCommandLine() == null || p.getCommandLine().isBlank() ? p.getPath() : p.getCommandLine();
        return Optional.of(new Holder(pid, command == null || command.isBlank() ? p.getName() : command, p.getUser()));
    }

    /** The textual address ("127.0.0.1", "::", "0.0.0.0"); an all-zero or missing address is the wildcard. */
    static Optional<String> address(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return Optional.of("0.0.0.0");
        }
        try {
            return Optional.of(InetAddress.getByAddress(raw).getHostAddress().replaceAll("^0:0:0:0:0:0:0:0$", "::")
                    .replaceAll("^0:0:0:0:0:0:0:1$", "::1"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

package dev.ollamamax.shared.ports.sockets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Linux: listening sockets from {@code /proc/net/tcp} and {@code tcp6} (state {@code 0A}), their
 * processes from the {@code socket:[inode]} links under {@code /proc/<pid>/fd}, read once per call and
 * stopped as soon as every socket is placed. Processes of other users are invisible without root:
 * their sockets come without a holder.
 */
public final class ProcNetTable implements SocketTable {

    private static final String LISTEN = "0A";

    private final Path proc;
    private final Path passwd;

    ProcNetTable(Path proc, Path passwd) {
        this.proc = proc;
        this.passwd = passwd;
    }

    private record Socket(String address, int port, long inode) {
    }

    @Override
    public List<Listening> listening() {
        List<Socket> sockets = new ArrayList<>();
        sockets.addAll(parse(proc.resolve("net/tcp"), false));
        sockets.addAll(parse(proc.resolve("net/tcp6"), true));
        Set<Long> wanted = new HashSet<>();
        sockets.forEach(s -> wanted.add(s.inode()));
        wanted.remove(0L);
        Map<Long, Long> pidByInode = owners(wanted);
        Map<Long, Optional<Holder>> holders = new HashMap<>();
        Map<String, String> users = new HashMap<>();
        List<Listening> result = new ArrayList<>(sockets.size());
        for (Socket s : sockets) {
            Long pid = pidByInode.get(s.inode());
            Optional<Holder> holder = pid == null ? Optional.empty()
                    : holders.computeIfAbsent(pid, p -> holder(p, users));
            result.add(new Listening(s.address(), s.port(), holder));
        }
        return result;
    }

    private static List<Socket> parse(Path file, boolean v6) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return List.of();
        }
        List<Socket> sockets = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            if (f.length < 10 || !f[3].equals(LISTEN)) {
                continue;
            }
            int colon = f[1].indexOf(':');
            try {
                String address = address(f[1].substring(0, colon), v6);
                int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                sockets.add(new Socket(address, port, Long.parseLong(f[9])));
            } catch (RuntimeException | UnknownHostException e) {
                // a line we do not understand: skip it rather than fail the whole table
            }
        }
        return sockets;
    }

    /** The kernel prints each 32-bit word of the address in host byte order. */
    static String address(String hex, boolean v6) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        for (int i = 0; i < hex.length(); i += 8) {
            buf.putInt((int) Long.parseLong(hex.substring(i, i + 8), 16));
        }
        InetAddress a = InetAddress.getByAddress(bytes);
        if (a instanceof java.net.Inet4Address) {
            return a.getHostAddress();
        }
        if (v6 && a.isAnyLocalAddress()) {
            return "::";
        }
        if (v6 && a.isLoopbackAddress()) {
            return "::1";
        }
        return a.getHostAddress();
    }

    /** Socket inode to PID, by one pass over the fd links of every visible process. */
    private Map<Long, Long> owners(Set<Long> wanted) {
        Map<Long, Long> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, ProcNetTable::isPid)) {
            for (Path pidDir : pids) {
                long pid = Long.parseLong(pidDir.getFileName().toString());
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
                    for (Path fd : fds) {
                        long inode = socketInode(fd);
                        if (inode > 0 && wanted.contains(inode)) {
                            found.putIfAbsent(inode, pid);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process, or gone meanwhile
                }
                if (found.size() == wanted.size()) {
                    break;
                }
            }
        } catch (IOException e) {
            // no /proc: sockets stay without holders
        }
        return found;
    }

    private static boolean isPid(Path p) {
        String name = p.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static long socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[") && target.endsWith("]")) {
                return Long.parseLong(target, 8, target.length() - 1, 10);
            }
        } catch (IOException | RuntimeException e) {
            // closed meanwhile
        }
        return -1;
    }

    private Optional<Holder> holder(long pid, Map<String, String> users) {
        Path dir = proc.resolve(Long.toString(pid));
        String command = commandLine(dir);
        String uid = uid(dir);
        String user = uid.isEmpty() ? "" : users.computeIfAbsent(uid, this::userName);
        return Optional.of(new Holder(pid, command, user));
    }

    private static String commandLine(Path dir) {
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            String joined = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            if (!joined.isEmpty()) {
                return joined;
            }
            return Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String uid(Path dir) {
        try {
            for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).strip().split("\\s+")[0];
                }
            }
        } catch (IOException e) {
            // gone meanwhile
        }
        return "";
    }

    private String userName(String uid) {
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[2].equals(uid)) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            // no passwd file: show the number
        }
        return uid;
    }
}

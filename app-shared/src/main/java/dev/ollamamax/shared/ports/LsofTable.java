package dev.ollamamax.shared.ports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * macOS (and other Unixes without {@code /proc}): {@code lsof -nP -iTCP -sTCP:LISTEN} in field mode,
 * then one {@code ps} call for full command lines. Best effort: without lsof the list is empty, and
 * processes of other users may be hidden unless run as root.
 */
final class LsofTable implements SocketTable {

    @Override
    public List<Listening> listening() {
        List<Listening> raw = Commands.run(List.of("lsof", "-nP", "-iTCP", "-sTCP:LISTEN", "-FpcLn"))
                .map(LsofTable::parse).orElse(List.of());
        Set<Long> pids = new LinkedHashSet<>();
        raw.forEach(l -> l.holder().ifPresent(h -> pids.add(h.pid())));
        if (pids.isEmpty()) {
            return raw;
        }
        String list = pids.stream().map(String::valueOf).collect(Collectors.joining(","));
        Map<Long, String> full = Commands.run(List.of("ps", "-o", "pid=,command=", "-p", list))
                .map(LsofTable::parsePs).orElse(Map.of());
        return raw.stream().map(l -> new Listening(l.address(), l.port(), l.holder().map(h ->
                new Holder(h.pid(), full.getOrDefault(h.pid(), h.command()), h.user())))).toList();
    }

    /** Parses {@code lsof -F pcLn} output: a {@code p} line starts a process, each {@code n} line is a socket. */
    static List<Listening> parse(String output) {
        List<Listening> result = new ArrayList<>();
        long pid = -1;
        String command = "";
        String user = "";
        for (String line : output.split("\\R")) {
            if (line.isEmpty()) {
                continue;
            }
            String value = line.substring(1);
            switch (line.charAt(0)) {
                case 'p' -> {
                    pid = parsePid(value);
                    command = "";
                    user = "";
                }
                case 'c' -> command = value;
                case 'L' -> user = value;
                case 'n' -> {
                    int colon = value.lastIndexOf(':');
                    if (colon > 0) {
                        try {
                            int port = Integer.parseInt(value.substring(colon + 1));
                            String address = value.substring(0, colon).replace("[", "").replace("]", "");
                            Optional<Holder> holder = pid > 0 ? Optional.of(new Holder(pid, command, user)) : Optional.empty();
                            result.add(new Listening(address, port, holder));
                        } catch (NumberFormatException e) {
                            // not a numeric port: skip
                        }
                    }
                }
                default -> {
                }
            }
        }
        return result;
    }

    static Map<Long, String> parsePs(String output) {
        Map<Long, String> map = new HashMap<>();
        for (String line : output.split("\\R")) {
            String[] f = line.strip().split("\\s+", 2);
            if (f.length == 2 && parsePid(f[0]) > 0) {
                map.put(parsePid(f[0]), f[1]);
            }
        }
        return map;
    }

    private static long parsePid(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

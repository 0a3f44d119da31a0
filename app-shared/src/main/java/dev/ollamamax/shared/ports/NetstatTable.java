package dev.ollamamax.shared.ports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Windows: {@code netstat -ano -p TCP} and {@code -p TCPv6} for listening sockets and their PIDs,
 * {@code tasklist} for program names. Best effort: the user is not known. A listening socket is
 * recognised by its remote address ending in {@code :0}, so a localised state column does not matter.
 */
final class NetstatTable implements SocketTable {

    @Override
    public List<Listening> listening() {
        List<Listening> raw = new ArrayList<>();
        Commands.run(List.of("netstat", "-ano", "-p", "TCP")).ifPresent(out -> raw.addAll(parse(out)));
        Commands.run(List.of("netstat", "-ano", "-p", "TCPv6")).ifPresent(out -> raw.addAll(parse(out)));
        Map<Long, String> names = Commands.run(List.of("tasklist", "/FO", "CSV", "/NH"))
                .map(NetstatTable::parseTasklist).orElse(Map.of());
        return raw.stream().map(l -> new Listening(l.address(), l.port(), l.holder().map(h ->
                new Holder(h.pid(), names.getOrDefault(h.pid(), ""), "")))).toList();
    }

    static List<Listening> parse(String output) {
        List<Listening> result = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length != 5 || !f[0].toUpperCase().startsWith("TCP") || !f[2].endsWith(":0")) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            try {
                int port = Integer.parseInt(f[1].substring(colon + 1));
                long pid = Long.parseLong(f[4]);
                String address = f[1].substring(0, colon).replace("[", "").replace("]", "");
                result.add(new Listening(address, port, pid > 0 ? Optional.of(new Holder(pid, "", "")) : Optional.empty()));
            } catch (RuntimeException e) {
                // header or a line we do not understand
            }
        }
        return result;
    }

    static Map<Long, String> parseTasklist(String output) {
        Map<Long, String> names = new HashMap<>();
        for (String line : output.split("\\R")) {
            String[] f = line.split("\",\"");
            if (f.length >= 2) {
                try {
                    names.put(Long.parseLong(f[1].replace("\"", "").strip()), f[0].replace("\"", ""));
                } catch (NumberFormatException e) {
                    // not a process line
                }
            }
        }
        return names;
    }
}

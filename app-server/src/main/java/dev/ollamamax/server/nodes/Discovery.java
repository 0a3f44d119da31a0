package dev.ollamamax.server.nodes;

import dev.ollamamax.shared.config.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Finds Ollama servers on local ports: a port that accepts a connection and answers {@code /api/version}. */
final class Discovery {

    private Discovery() {
    }

    /** Parses {@code 11434-11444,11500} into ports. */
    static List<Integer> ports(String spec) {
        List<Integer> ports = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).strip());
                if (from < 1 || to > 65535 || to < from || to - from > 1000) {
                    throw new NumberFormatException();
                }
                for (int i = from; i <= to; i++) {
                    ports.add(i);
                }
            } catch (NumberFormatException e) {
                throw new ConfigException("DISCOVERY_PORTS has \"" + p + "\"; use ports and ranges like 11434-11444,11500");
            }
        }
        return ports;
    }

    /** Local ports that accept a TCP connection within a short timeout. */
    static List<URI> open(List<Integer> ports) {
        List<URI> found = new ArrayList<>();
        for (int port : ports) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                found.add(URI.create("http://127.0.0.1:" + port));
            } catch (IOException ignored) {
                // nothing listens there
            }
        }
        return found;
    }
}

package dev.ollamamax.server.bench;

import java.io.IOException;

/** {@code /chat}: an {@code inference} frame timed to the first {@code stream_chunk} of its id. */
final class WsProbe implements Probe {

    private final String name;
    private final String model;
    private final RawWebSocket ws;
    private int next;

    WsProbe(String name, int port, String model) throws IOException {
        this.name = name;
        this.model = model;
        this.ws = RawWebSocket.connect("127.0.0.1", port, "/chat");
        if (!text().contains("\"hello\"")) {
            throw new IOException("no hello");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long once() throws IOException {
        String id = "r" + next++;
        String mine = "\"id\":\"" + id + "\"";
        long start = System.nanoTime();
        ws.sendText("{\"type\":\"inference\",\"id\":\"" + id + "\",\"model\":\"" + model + "\",\"content\":\"hello\"}");
        long first = 0;
        while (true) {
            String t = text();
            if (!t.contains(mine)) {
                continue;
            }
            if (t.contains("\"stream_chunk\"")) {
                if (first == 0) {
                    first = System.nanoTime() - start;
                }
                if (t.contains("\"done\":true")) {
                    return first;
                }
            } else if (t.contains("\"error\"")) {
                throw new IOException(t);
            }
        }
    }

    private String text() throws IOException {
        RawWebSocket.Frame f;
        while ((f = ws.read(30_000)) != null) {
            if (f.opcode() == RawWebSocket.PING) {
                ws.send(RawWebSocket.PONG, true, f.payload());
            } else if (f.opcode() == RawWebSocket.TEXT) {
                return f.text();
            } else if (f.opcode() == RawWebSocket.CLOSE) {
                break;
            }
        }
        throw new IOException("the WebSocket closed");
    }

    @Override
    public void close() throws IOException {
        ws.close();
    }
}

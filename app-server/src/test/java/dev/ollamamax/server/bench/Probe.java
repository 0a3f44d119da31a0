package dev.ollamamax.server.bench;

import java.io.IOException;

/** One streamed request to one target, timed to its first byte (or first {@code stream_chunk}). */
interface Probe extends AutoCloseable {

    String name();

    /** Nanoseconds to the first streamed byte; the answer is read to its end. */
    long once() throws IOException;

    @Override
    void close() throws IOException;

    static Probe http(String name, int port, String path, byte[] body) {
        RawHttp http = new RawHttp(port);
        return new Probe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long once() throws IOException {
                return http.firstByte(path, body);
            }

            @Override
            public void close() throws IOException {
                http.close();
            }
        };
    }

    static Probe ws(String name, int port, String model) throws IOException {
        return new WsProbe(name, port, model);
    }
}

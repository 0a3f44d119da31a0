package dev.ollamamax.server.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that POSTs a streamed request and times the first byte of the
 * body (the first chunk's data), then reads the chunked body to its end so the connection is reused.
 * No client library in the measurement: only the socket.
 */
final class RawHttp implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(int port) {
        this.host = "127.0.0.1";
        this.port = port;
    }

    /** Nanoseconds from writing the request to the first body byte; the whole body is read before returning. */
    long firstByte(String path, byte[] body) throws IOException {
        if (socket == null || socket.isClosed()) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("status " + status);
        }
        boolean chunked = false;
        boolean close = false;
        String h;
        while (!(h = line()).isEmpty()) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            close |= lower.startsWith("connection:") && lower.contains("close");
        }
        if (!chunked) {
            throw new IOException("not a chunked stream");
        }
        long first = 0;
        while (true) {
            int size = Integer.parseInt(line().split(";")[0].strip(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                break;
            }
            if (first == 0) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed");
                }
                first = System.nanoTime() - start;
                size--;
            }
            in.skipNBytes(size);
            line();
        }
        if (close) {
            close();
        }
        return first;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed mid-response");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}

package dev.ollamamax.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A request written byte for byte on a raw socket, for what Java's HttpClient will not send: any
 * {@code Host} header (a DNS-rebinding page's), a WebSocket upgrade with it.
 */
final class RawHttp {

    /** The status code and everything the server sent until it closed or went quiet. */
    record Answer(int status, String text) {
    }

    private RawHttp() {
    }

    static Answer send(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                    String sofar = got.toString(StandardCharsets.UTF_8);
                    int head = sofar.indexOf("\r\n\r\n");
                    if (head > 0 && (sofar.startsWith("HTTP/1.1 101") || bodyComplete(sofar, head))) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // what arrived is the answer
            }
            String text = got.toString(StandardCharsets.UTF_8);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text);
        }
    }

    private static boolean bodyComplete(String text, int head) {
        String headers = text.substring(0, head).toLowerCase();
        int cl = headers.indexOf("content-length:");
        if (cl < 0) {
            return false;
        }
        int end = headers.indexOf("\r\n", cl);
        int length = Integer.parseInt(headers.substring(cl + 15, end < 0 ? headers.length() : end).strip());
        return text.getBytes(StandardCharsets.UTF_8).length - (head + 4) >= length;
    }

    static String post(String path, String host, String origin, String json) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + json.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + json;
    }

    static String upgrade(String path, String host, String origin) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
    }
}

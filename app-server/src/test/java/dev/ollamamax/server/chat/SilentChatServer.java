package dev.ollamamax.server.chat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chat endpoint that accepts the WebSocket handshake, says {@code hello}, and then never sends another
 * byte (not even a pong): a server that hangs. Records the text frames clients send it.
 */
final class SilentChatServer implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    private final ServerSocket server;

    SilentChatServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String key = null;
            String line;
            while (!(line = readLine(in)).isEmpty()) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).strip();
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] hello = ("{\"type\":\"hello\",\"server\":\"silent\",\"version\":\"0\",\"listener\":\"silent\",\"port\":"
                    + port() + ",\"auth_required\":false}").getBytes(StandardCharsets.UTF_8);
            out.write(0x81);
            out.write(hello.length);
            out.write(hello);
            out.flush();
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return;
                }
                int len = in.readUnsignedByte() & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = (int) in.readLong();
                }
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes(len);
                for (int i = 0; i < len; i++) {
                    payload[i] ^= mask[i & 3];
                }
                if ((b0 & 0x0f) == 1) {
                    received.add(new String(payload, StandardCharsets.UTF_8));
                }
            }
        } catch (Exception e) {
            // the client went away
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

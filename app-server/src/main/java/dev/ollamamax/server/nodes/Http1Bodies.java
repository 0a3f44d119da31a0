package dev.ollamamax.server.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Response bodies framed by Content-Length, chunked encoding or the end of the connection. A body read
 * to its end gives its connection back for reuse; a body closed early closes the connection (that is
 * how a request to a node is cancelled).
 */
final class Http1Bodies {

    private Http1Bodies() {
    }

    static InputStream of(Http1Connection conn, Http1Connection.Head head, boolean headRequest, Consumer<Http1Connection> reuse)
            throws IOException {
        String te = head.headers().getOrDefault("transfer-encoding", "");
        String cl = head.headers().get("content-length");
        boolean keepAlive = !"close".equalsIgnoreCase(head.headers().getOrDefault("connection", ""));
        if (headRequest || head.status() == 204 || head.status() == 304) {
            return new Fixed(conn, 0, keepAlive ? reuse : c -> c.close());
        }
        if (te.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            return new Chunked(conn, keepAlive ? reuse : c -> c.close());
        }
        if (cl != null) {
            return new Fixed(conn, contentLength(cl), keepAlive ? reuse : c -> c.close());
        }
        return new Fixed(conn, Long.MAX_VALUE, c -> c.close());
    }

    private static long contentLength(String value) throws IOException {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw NodeReplyException.notOllama();
        }
    }

    /** Common end-of-body handling. */
    private abstract static class Body extends InputStream {
        final Http1Connection conn;
        private final Consumer<Http1Connection> onComplete;
        boolean finished;
        boolean closed;

        Body(Http1Connection conn, Consumer<Http1Connection> onComplete) {
            this.conn = conn;
            this.onComplete = onComplete;
        }

        void finished() {
            if (!finished) {
                finished = true;
                onComplete.accept(conn);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (!finished) {
                    finished = true;
                    conn.close();
                }
            }
        }
    }

    private static final class Fixed extends Body {
        private long remaining;

        Fixed(Http1Connection conn, long length, Consumer<Http1Connection> onComplete) {
            super(conn, onComplete);
            this.remaining = length;
            if (length == 0) {
                finished();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0 || closed) {
                return -1;
            }
            int n = conn.input().read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                if (remaining != Long.MAX_VALUE) {
                    throw new NodeReplyException("the node closed the connection before the end of its answer");
                }
                remaining = 0;
                finished();
                return -1;
            }
            if (remaining != Long.MAX_VALUE) {
                remaining -= n;
                if (remaining == 0) {
                    finished();
                }
            }
            return n;
        }
    }

    private static final class Chunked extends Body {
        private long chunkLeft = -1;
        private boolean ended;

        Chunked(Http1Connection conn, Consumer<Http1Connection> onComplete) {
            super(conn, onComplete);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended || closed) {
                return -1;
            }
            if (chunkLeft <= 0) {
                if (chunkLeft == 0) {
                    conn.readLine(); // CRLF after the previous chunk
                }
                String size = conn.readLine();
                int semi = size.indexOf(';');
                try {
                    chunkLeft = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).strip(), 16);
                    if (chunkLeft < 0) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw NodeReplyException.notOllama();
                }
                if (chunkLeft == 0) {
                    int trailers = 0;
                    while (!conn.readLine().isEmpty()) {
                        if (++trailers > conn.maxHeaders()) {
                            throw NodeReplyException.limit("more trailer lines", conn.maxHeaders(), "NODE_MAX_HEADERS");
                        }
                    }
                    ended = true;
                    finished();
                    return -1;
                }
            }
            int n = conn.input().read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new NodeReplyException("the node closed the connection in the middle of its answer");
            }
            chunkLeft -= n;
            return n;
        }
    }
}

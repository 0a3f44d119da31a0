package dev.ollamamax.server.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-terminated lines from a stream as soon as each is complete, without waiting for more
 * input than the current line: what NDJSON passthrough needs. Blank lines are skipped; {@code \r\n} is
 * accepted. A line longer than the limit ({@code NODE_MAX_LINE_BYTES}) is an error, not a bigger buffer.
 */
final class LineReader {

    private final InputStream in;
    private final int maxLine;
    private byte[] buf = new byte[8192];
    /** Start of unread data. */
    private int pos;
    /** End of valid data. */
    private int limit;
    /** Where the newline search resumes (everything before it, from pos, has no newline). */
    private int scanned;

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** The next non-blank line without its terminator, or null at the end of the stream. */
    byte[] next() throws IOException {
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    if (end - pos > maxLine) {
                        throw tooLong();
                    }
                    byte[] line = Arrays.copyOfRange(buf, pos, end);
                    pos = i + 1;
                    scanned = pos;
                    if (line.length > 0) {
                        return line;
                    }
                }
            }
            scanned = limit;
            if (!fill()) {
                if (pos < limit) {
                    byte[] rest = Arrays.copyOfRange(buf, pos, limit);
                    pos = limit;
                    return rest;
                }
                return null;
            }
        }
    }

    /** Reads more input, compacting or growing the buffer (up to the line limit); false at the end of the stream. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            scanned -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length > maxLine + 1) { // a line (plus its CRLF) can be at most maxLine + 2 bytes
                throw tooLong();
            }
            buf = Arrays.copyOf(buf, (int) Math.min((long) maxLine + 2, buf.length * 2L));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private IOException tooLong() {
        return NodeReplyException.limit("a line longer", maxLine, "NODE_MAX_LINE_BYTES");
    }
}

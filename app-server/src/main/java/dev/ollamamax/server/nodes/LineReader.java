package dev.ollamamax.server.nodes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-terminated lines from a stream as soon as each is complete, without waiting for more
 * input than the current line: what NDJSON passthrough needs.
 */
final class LineReader {

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end of the stream. Blank lines are skipped. */
    byte[] next() throws IOException {
        ByteArrayOutputStream partial = null;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    byte[] line;
                    if (partial == null) {
                        line = Arrays.copyOfRange(buf, pos, end);
                    } else {
                        partial.write(buf, pos, end - pos);
                        line = partial.toByteArray();
                        partial = null;
                    }
                    pos = i + 1;
                    if (line.length == 0) {
                        break;
                    }
                    return line;
                }
            }
            if (pos < limit && !hasNewline()) {
                if (partial == null) {
                    partial = new ByteArrayOutputStream();
                }
                partial.write(buf, pos, limit - pos);
                pos = limit;
            }
            if (pos >= limit) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    return partial == null || partial.size() == 0 ? null : partial.toByteArray();
                }
                pos = 0;
                limit = n;
            }
        }
    }

    private boolean hasNewline() {
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
                return true;
            }
        }
        return false;
    }
}

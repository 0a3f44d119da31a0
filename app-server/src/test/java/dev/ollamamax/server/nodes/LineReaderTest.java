package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static final int MAX = 1 << 20;

    /** Hands out its bytes a few at a time, like a network stream. */
    private static InputStream trickle(String s, int step) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, step), bytes.length - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private static String next(LineReader r) throws IOException {
        byte[] line = r.next();
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    @Test
    void splitsLinesAcrossReadsAndSkipsBlankOnes() throws IOException {
        LineReader r = new LineReader(trickle("{\"a\":1}\n\r\n{\"b\":2}\r\n{\"c\":3}", 3), MAX);
        assertThat(next(r)).isEqualTo("{\"a\":1}");
        assertThat(next(r)).isEqualTo("{\"b\":2}");
        assertThat(next(r)).isEqualTo("{\"c\":3}");
        assertThat(next(r)).isNull();
    }

    @Test
    void returnsALineWithoutReadingFurther() throws IOException {
        InputStream in = new InputStream() {
            final byte[] first = "one\n".getBytes(StandardCharsets.UTF_8);
            boolean sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent) {
                    throw new IOException("read past the first line");
                }
                sent = true;
                System.arraycopy(first, 0, b, off, first.length);
                return first.length;
            }
        };
        assertThat(next(new LineReader(in, MAX))).isEqualTo("one");
    }

    @Test
    void aLineOverTheLimitIsAnErrorInsteadOfABiggerBuffer() {
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        LineReader r = new LineReader(endless, 100_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(r::next).isInstanceOf(NodeReplyException.class)
                .hasMessageContaining("NODE_MAX_LINE_BYTES");
    }

    @Test
    void aLineAtTheLimitIsRead() throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream(("y".repeat(100) + "\r\n").getBytes(StandardCharsets.UTF_8)), 100);
        assertThat(next(r)).hasSize(100);
    }

    @Test
    void handlesLinesLongerThanItsBuffer() throws IOException {
        String longLine = "x".repeat(20_000);
        LineReader r = new LineReader(new ByteArrayInputStream((longLine + "\nend\n").getBytes(StandardCharsets.UTF_8)), MAX);
        assertThat(next(r)).isEqualTo(longLine);
        assertThat(next(r)).isEqualTo("end");
    }
}

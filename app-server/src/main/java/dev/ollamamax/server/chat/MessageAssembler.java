package dev.ollamamax.server.chat;

/**
 * Joins the fragments of a WebSocket text message and enforces the size limit: a message over the
 * limit is dropped fragment by fragment (never held whole) and reported once, when its last fragment
 * has arrived, so the connection stays usable. Used by the connection's reading thread only.
 */
final class MessageAssembler {

    sealed interface Result {
    }

    /** A whole message to handle. */
    record Complete(String text) implements Result {
    }

    /** A message over the limit, with its size in bytes. */
    record TooLarge(long bytes) implements Result {
    }

    /** More fragments to come. */
    record Pending() implements Result {
    }

    private static final Pending PENDING = new Pending();

    private final long limit;
    private StringBuilder partial;
    private long bytes;
    private boolean oversized;

    MessageAssembler(long limit) {
        this.limit = limit;
    }

    Result add(String fragment, boolean last) {
        long size = utf8Length(fragment);
        if (partial == null && !oversized && last) {
            return size > limit ? new TooLarge(size) : new Complete(fragment);
        }
        bytes += size;
        if (oversized || bytes > limit) {
            oversized = true;
            partial = null;
            if (!last) {
                return PENDING;
            }
            long total = bytes;
            reset();
            return new TooLarge(total);
        }
        if (partial == null) {
            partial = new StringBuilder(fragment.length() * 2);
        }
        partial.append(fragment);
        if (!last) {
            return PENDING;
        }
        String whole = partial.toString();
        reset();
        return new Complete(whole);
    }

    private void reset() {
        partial = null;
        bytes = 0;
        oversized = false;
    }

    static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}

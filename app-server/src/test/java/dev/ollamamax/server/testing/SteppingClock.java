package dev.ollamamax.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset a test can move forward (never back): for tests of per-minute windows that must
 * not straddle a minute boundary, instead of waiting for one to pass.
 */
public final class SteppingClock extends Clock {

    private volatile long offsetMillis;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a UTC clock");
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    /** Moves forward (at most a minute) to the given second of the next minute boundary's minute, or of this one. */
    public synchronized void forwardToSecond(int second) {
        long into = Math.floorMod(millis(), 60_000L);
        offsetMillis += Math.floorMod(second * 1000L - into, 60_000L);
    }

    /** Moves forward by {@code d}. */
    public synchronized void forward(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("forward only");
        }
        offsetMillis += d.toMillis();
    }
}

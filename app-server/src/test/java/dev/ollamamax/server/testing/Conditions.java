package dev.ollamamax.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on conditions instead of sleeping and then asserting. */
public final class Conditions {

    private Conditions() {
    }

    /** Returns as soon as {@code condition} holds; fails naming {@code what} after {@code timeout}. */
    public static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            pause();
        }
    }

    /** Checks {@code condition} all through {@code period} and fails at the first moment it does not hold. */
    public static void holdsFor(Duration period, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            pause();
        } while (System.nanoTime() < end);
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

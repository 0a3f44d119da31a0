package dev.ollamamax.ui.supervision;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or the time is up (then fails with a description of what was seen). */
final class Eventually {

    private Eventually() {
    }

    static void within(Duration limit, BooleanSupplier condition, Supplier<String> seen) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s; saw: " + seen.get());
            }
            Thread.sleep(20);
        }
    }
}

package dev.ollamamax.server.usage;

/** Where finished requests are reported. {@link #record} never blocks and never throws. */
@FunctionalInterface
public interface UsageSink {

    void record(UsageEvent event);

    /** Keeps nothing (tests, gateways without a database). */
    static UsageSink none() {
        return event -> {
        };
    }
}

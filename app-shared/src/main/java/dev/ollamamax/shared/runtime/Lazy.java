package dev.ollamamax.shared.runtime;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value made on first use, once, thread-safely. For objects that are costly to make and often not needed
 * soon, such as an {@code HttpClient} (its first creation loads the TLS stack and the trusted certificates,
 * about 100 ms that the desktop's first paint waited for; issue 15).
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<? extends T> factory;
    private volatile T value;

    private Lazy(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    public static <T> Lazy<T> of(Supplier<? extends T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = factory.get();
                    value = v;
                }
            }
        }
        return v;
    }

    /** The value if it has been made (to close it without making it first). */
    public Optional<T> ifMade() {
        return Optional.ofNullable(value);
    }
}

package dev.ollamamax.shared.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

    @Test
    void makesTheValueOnFirstUseOnlyAndOnceAcrossThreads() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Lazy<Object> lazy = Lazy.of(() -> {
            made.incrementAndGet();
            return new Object();
        });
        assertThat(made).hasValue(0);
        assertThat(lazy.ifMade()).isEmpty();

        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                seen.add(lazy.get());
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(made).hasValue(1);
        assertThat(seen).hasSize(8).allMatch(o -> o == seen.getFirst());
        assertThat(lazy.ifMade()).containsSame(seen.getFirst());
    }
}

package dev.ollamamax.server.chat;

import dev.ollamamax.shared.chatclient.ChatClientEvent;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Records every event of a chat client, for assertions. */
final class ClientRecorder implements Consumer<ChatClientEvent> {

    private final List<ChatClientEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(ChatClientEvent event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<ChatClientEvent> events() {
        return List.copyOf(events);
    }

    /** Waits for an event matching, returns it. */
    synchronized ChatClientEvent await(Predicate<ChatClientEvent> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int from = 0;
        while (true) {
            for (int i = from; i < events.size(); i++) {
                if (match.test(events.get(i))) {
                    return events.get(i);
                }
            }
            from = events.size();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event within " + timeout + "; events: " + events);
            }
            try {
                wait(left / 1_000_000 + 1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for the end (done chunk, or error) of a generation. */
    ServerFrame awaitEnd(String id, Duration timeout) {
        return ((ChatClientEvent.Received) await(e -> e instanceof ChatClientEvent.Received r && r.frame().generationId().filter(id::equals).isPresent()
                && TestWs.ends(r.frame()), timeout)).frame();
    }

    /** Every frame the client received for a generation id, in order. */
    synchronized List<ServerFrame> frames(String id) {
        return events.stream().filter(e -> e instanceof ChatClientEvent.Received r && r.frame().generationId().filter(id::equals).isPresent())
                .map(e -> ((ChatClientEvent.Received) e).frame()).toList();
    }

    synchronized <T extends ChatClientEvent> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        events.stream().filter(type::isInstance).forEach(e -> out.add(type.cast(e)));
        return out;
    }
}

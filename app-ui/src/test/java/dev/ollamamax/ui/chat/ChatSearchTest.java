package dev.ollamamax.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.conversations.SearchHit;
import dev.ollamamax.ui.common.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The search field's model: the newest query wins, blank clears, failures are said. */
class ChatSearchTest {

    /** Holds submitted work until the test lets it finish, in any order. */
    static final class HeldExecutor implements UiExecutor {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public <T> void submit(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            held.add(() -> {
                try {
                    onDone.accept(work.call());
                } catch (Exception e) {
                    onError.accept(e);
                }
            });
        }

        @Override
        public void onUi(Runnable action) {
            action.run();
        }

        @Override
        public AutoCloseable repeat(Duration period, Runnable work) {
            return () -> { };
        }
    }

    static SearchHit hit(String id, String snippet) {
        return new SearchHit(id, "title " + id, snippet, 1, Instant.EPOCH);
    }

    @Test
    void onlyTheAnswerToTheNewestQueryIsShown() {
        HeldExecutor executor = new HeldExecutor();
        ChatSearch search = new ChatSearch(q -> q.equals("pen") ? List.of(hit("old", "**pen**")) : List.of(hit("new", "**penguin**")),
                executor);
        search.search("pen");
        search.search("penguin ");
        assertThat(search.activeProperty().get()).isTrue();
        executor.held.get(1).run();
        executor.held.get(0).run(); // the slower, older answer arrives last
        assertThat(search.results()).extracting(SearchHit::conversationId).containsExactly("new");
        assertThat(search.statusProperty().get()).isEqualTo("1 conversation");
        assertThat(ChatSearch.plain(search.results().getFirst().snippet())).isEqualTo("penguin");
    }

    @Test
    void blankClearsAndNothingFoundOrAFailureIsSaid() {
        HeldExecutor executor = new HeldExecutor();
        ChatSearch search = new ChatSearch(q -> {
            if (q.equals("boom")) {
                throw new IllegalStateException("database down");
            }
            return List.of();
        }, executor);
        search.search("zebra");
        executor.held.removeFirst().run();
        assertThat(search.statusProperty().get()).isEqualTo("No conversation mentions \"zebra\"");
        search.search("boom");
        executor.held.removeFirst().run();
        assertThat(search.statusProperty().get()).isEqualTo("Search failed: database down");
        search.search("  ");
        assertThat(search.activeProperty().get()).isFalse();
        assertThat(search.results()).isEmpty();
        assertThat(executor.held).isEmpty();
    }
}

package dev.ollamamax.ui.chat;

import dev.ollamamax.server.conversations.SearchHit;
import dev.ollamamax.ui.common.UiExecutor;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The search field over the conversations: full-text search in the gateway's store, in the background. Only
 * the answer to the newest query is shown (a slow older one arriving later is dropped); an empty query
 * clears the results and {@link #activeProperty()} goes false, so the list shows the conversations again.
 */
final class ChatSearch {

    /** Where searches run: {@link ChatHistory#search} in the app, anything in tests. */
    @FunctionalInterface
    interface Searcher {
        List<SearchHit> search(String query) throws Exception;
    }

    private final Searcher searcher;
    private final UiExecutor executor;
    private final ObservableList<SearchHit> results = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a view that is dropped would go with it. */
    private final ObservableList<SearchHit> resultsView = FXCollections.unmodifiableObservableList(results);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private String query = "";

    ChatSearch(Searcher searcher, UiExecutor executor) {
        this.searcher = searcher;
        this.executor = executor;
    }

    /** Searches for {@code text} (as typed); blank clears the search. */
    void search(String text) {
        String q = text == null ? "" : text.strip();
        query = q;
        if (q.isEmpty()) {
            results.clear();
            active.set(false);
            status.set("");
            return;
        }
        active.set(true);
        executor.submit(() -> searcher.search(q), hits -> {
            if (q.equals(query)) {
                results.setAll(hits);
                status.set(hits.isEmpty() ? "No conversation mentions \"" + q + "\"" : hits.size() == 1 ? "1 conversation"
                        : hits.size() + " conversations");
            }
        }, e -> {
            if (q.equals(query)) {
                results.clear();
                status.set("Search failed: " + e.getMessage());
            }
        });
    }

    ObservableList<SearchHit> results() {
        return resultsView;
    }

    /** True while a query is typed: the list shows results instead of conversations. */
    ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** "3 conversations", "No conversation mentions …", or why the search failed. */
    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** A snippet without the {@code **} marks around the matched words (for a plain label). */
    static String plain(String snippet) {
        return snippet == null ? "" : snippet.replace("**", "");
    }
}

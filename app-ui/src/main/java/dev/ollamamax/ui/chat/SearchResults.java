package dev.ollamamax.ui.chat;

import dev.ollamamax.server.conversations.SearchHit;
import dev.ollamamax.ui.common.Icons;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The search field of the conversations pane and, while a query is typed, its results in place of the list:
 * each the conversation's title and a snippet of the best matching message. A click opens the conversation.
 */
final class SearchResults {

    private final TextField field = new TextField();
    private final ListView<SearchHit> list = new ListView<>();
    private final Label status = new Label();

    SearchResults(ChatViewModel model) {
        ChatSearch search = model.search();
        field.setId("chat-search");
        field.setPromptText("Search conversations");
        field.getStyleClass().add("chat-search");
        Label glass = new Label(null, Icons.icon(Feather.SEARCH, 13));
        field.setTooltip(Icons.tooltip("Full-text search over every message of your conversations (\"quotes\", or, -word)"));
        glass.getStyleClass().add("text-muted");
        field.textProperty().addListener((o, was, now) -> search.search(now));
        field.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                field.clear();
            }
        });
        list.setId("chat-search-results");
        list.setItems(search.results());
        list.getStyleClass().add("conversation-list");
        list.setCellFactory(l -> new Cell());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.open(now.conversationId(), now.title());
            }
        });
        status.setId("chat-search-status");
        status.getStyleClass().addAll("text-muted", "text-small");
        status.textProperty().bind(search.statusProperty());
        status.setWrapText(true);
        for (javafx.scene.Node n : new javafx.scene.Node[] {list, status}) {
            n.visibleProperty().bind(search.activeProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    TextField field() {
        return field;
    }

    ListView<SearchHit> list() {
        return list;
    }

    Label status() {
        return status;
    }

    private static final class Cell extends ListCell<SearchHit> {
        private final Label title = new Label();
        private final Label snippet = new Label();
        private final VBox box = new VBox(2, title, snippet);

        Cell() {
            title.getStyleClass().add("conversation-title");
            snippet.getStyleClass().addAll("text-muted", "text-small", "search-snippet");
            snippet.setWrapText(true);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(SearchHit hit, boolean empty) {
            super.updateItem(hit, empty);
            setText(null);
            if (empty || hit == null) {
                setGraphic(null);
                return;
            }
            title.setText(hit.title());
            snippet.setText(ChatSearch.plain(hit.snippet()));
            setGraphic(box);
        }
    }
}

package dev.ollamamax.ui.chat;

import dev.ollamamax.server.conversations.Conversation;
import dev.ollamamax.ui.common.Icons;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/**
 * The left pane of the Chat screen: New chat, the search field (results replace the list while a query is
 * typed), and the stored conversations with rename, export and delete.
 */
final class ConversationList {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final ChatViewModel model;
    private final VBox root = new VBox(10);
    private final ListView<Conversation> list = new ListView<>();

    ConversationList(ChatViewModel model) {
        this.model = model;
        build();
    }

    Node node() {
        return root;
    }

    private void build() {
        root.getStyleClass().add("conversations");
        Label title = new Label("Conversations");
        title.getStyleClass().addAll("section-title", "title-4");
        Button add = Icons.button("New chat", Feather.PLUS, "Start a new conversation (Ctrl+N)");
        add.setId("chat-new");
        add.setMaxWidth(Double.MAX_VALUE);
        add.setOnAction(e -> model.newChat());
        list.setId("chat-conversations");
        list.setItems(model.conversations());
        list.getStyleClass().add("conversation-list");
        list.setPlaceholder(new Label("No conversations yet"));
        list.setCellFactory(l -> new Cell());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.open(now);
            }
        });
        model.conversationIdProperty().addListener((o, was, now) -> {
            Conversation selected = list.getSelectionModel().getSelectedItem();
            if (selected != null && !selected.id().equals(now)) {
                list.getSelectionModel().clearSelection();
            }
        });
        model.conversations().addListener((javafx.collections.ListChangeListener<Conversation>) c ->
                model.conversations().stream().filter(x -> x.id().equals(model.conversationIdProperty().get()))
                        .findFirst().ifPresent(x -> list.getSelectionModel().select(x)));
        SearchResults search = new SearchResults(model);
        list.visibleProperty().bind(model.search().activeProperty().not());
        list.managedProperty().bind(list.visibleProperty());
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox.setVgrow(search.list(), Priority.ALWAYS);
        root.getChildren().addAll(title, add, search.field(), search.status(), search.list(), list);
    }

    private final class Cell extends ListCell<Conversation> {
        private final Label name = new Label();
        private final Label when = new Label();
        private final VBox box = new VBox(2, name, when);

        Cell() {
            name.getStyleClass().add("conversation-title");
            when.getStyleClass().addAll("text-muted", "text-small");
            setPrefWidth(0);
            MenuItem rename = new MenuItem("Rename…", Icons.icon(Feather.EDIT_2, 13));
            rename.setOnAction(e -> rename(getItem()));
            MenuItem md = new MenuItem("Export as Markdown…", Icons.icon(Feather.FILE_TEXT, 13));
            md.setOnAction(e -> export(getItem(), ChatHistory.Format.MARKDOWN));
            MenuItem json = new MenuItem("Export as JSON…", Icons.icon(Feather.CODE, 13));
            json.setOnAction(e -> export(getItem(), ChatHistory.Format.JSON));
            MenuItem delete = new MenuItem("Delete…", Icons.icon(Feather.TRASH_2, 13));
            delete.setOnAction(e -> delete(getItem()));
            setContextMenu(new ContextMenu(rename, md, json, new SeparatorMenuItem(), delete));
        }

        @Override
        protected void updateItem(Conversation c, boolean empty) {
            super.updateItem(c, empty);
            setText(null);
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            name.setText(c.title());
            when.setText(when(c.updatedAt()) + " · " + c.messageCount() + " messages");
            setGraphic(box);
        }
    }

    static String when(Instant at) {
        return Duration.between(at, Instant.now()).toHours() < 20 ? TIME.format(at) : DAY.format(at);
    }

    private void rename(Conversation c) {
        TextInputDialog dialog = new TextInputDialog(c.title());
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle("Rename conversation");
        dialog.setHeaderText("A new title for this conversation");
        dialog.showAndWait().map(String::strip).filter(t -> !t.isEmpty()).ifPresent(t -> model.rename(c, t));
    }

    private void delete(Conversation c) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Its " + c.messageCount() + " messages are removed from the gateway's store.", ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(root.getScene().getWindow());
        confirm.setTitle("Delete conversation");
        confirm.setHeaderText("Delete \"" + c.title() + "\"?");
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.delete(c));
    }

    private void export(Conversation c, ChatHistory.Format format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export conversation");
        boolean md = format == ChatHistory.Format.MARKDOWN;
        String safe = c.title().replaceAll("[^A-Za-z0-9._ -]", "").strip();
        chooser.setInitialFileName((safe.isEmpty() ? "conversation" : safe) + (md ? ".md" : ".json"));
        chooser.getExtensionFilters().add(md ? new FileChooser.ExtensionFilter("Markdown", "*.md")
                : new FileChooser.ExtensionFilter("JSON", "*.json"));
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            model.export(c, format, file.toPath(), () -> { });
        }
    }
}

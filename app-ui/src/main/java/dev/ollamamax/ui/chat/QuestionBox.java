package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.common.Icons;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.feather.Feather;

/**
 * A question in the conversation: its pictures, the bubble, and below it the pencil (edit in place: the edited
 * question starts a branch) and, for an edited question, "‹ 1 / 2 ›" to switch between its versions.
 */
final class QuestionBox {

    private final ChatViewModel model;
    private final Supplier<ChatItem> shown;
    private final Text text = new Text();
    private final StackPane bubble = new StackPane(new TextFlow(text));
    private final HBox thumbnails = new HBox();
    private final TextArea editor = new TextArea();
    private final Button save = Icons.button("Send edit", Feather.SEND, "Send the edited question: a new branch from here");
    private final Button cancel = new Button("Cancel");
    private final VBox editing = new VBox(6, editor, new HBox(6, cancel, save));
    private final Button edit = Icons.iconButton(Feather.EDIT_2, "Edit this question: the answer after it becomes a new branch, the old one is kept");
    private final Button previous = Icons.iconButton(Feather.CHEVRON_LEFT, "The previous version of this question");
    private final Label position = new Label();
    private final Button next = Icons.iconButton(Feather.CHEVRON_RIGHT, "The next version of this question");
    private final HBox versions = new HBox(2, previous, position, next);
    private final VBox root;

    QuestionBox(ChatViewModel model, Supplier<ChatItem> shown, javafx.beans.value.ObservableDoubleValue width) {
        this.model = model;
        this.shown = shown;
        text.getStyleClass().add("md-text");
        bubble.getStyleClass().add("user-bubble");
        bubble.maxWidthProperty().bind(javafx.beans.binding.Bindings.multiply(width, 0.7));
        editor.setId("chat-edit-input");
        editor.setWrapText(true);
        editor.setPrefRowCount(3);
        editor.maxWidthProperty().bind(bubble.maxWidthProperty());
        save.setId("chat-edit-send");
        save.getStyleClass().addAll("accent", "small");
        cancel.getStyleClass().add("small");
        ((HBox) editing.getChildren().get(1)).setAlignment(Pos.CENTER_RIGHT);
        editing.setAlignment(Pos.CENTER_RIGHT);
        editing.setVisible(false);
        editing.managedProperty().bind(editing.visibleProperty());
        bubble.managedProperty().bind(bubble.visibleProperty());
        bubble.visibleProperty().bind(editing.visibleProperty().not());
        edit.getStyleClass().add("question-edit");
        edit.disableProperty().bind(model.generatingProperty());
        previous.disableProperty().bind(model.generatingProperty());
        next.disableProperty().bind(model.generatingProperty());
        position.getStyleClass().addAll("text-muted", "text-small", "question-position");
        versions.setAlignment(Pos.CENTER);
        versions.managedProperty().bind(versions.visibleProperty());
        edit.setOnAction(e -> startEditing());
        cancel.setOnAction(e -> editing.setVisible(false));
        save.setOnAction(e -> finishEditing());
        editor.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                editing.setVisible(false);
                e.consume();
            }
        });
        previous.setOnAction(e -> model.showVersion(shown.get(), -1));
        next.setOnAction(e -> model.showVersion(shown.get(), 1));
        HBox tools = new HBox(4, versions, edit);
        tools.setAlignment(Pos.CENTER_RIGHT);
        tools.getStyleClass().add("question-tools");
        thumbnails.managedProperty().bind(thumbnails.visibleProperty());
        root = new VBox(4, thumbnails, bubble, editing, tools);
        root.setAlignment(Pos.CENTER_RIGHT);
        root.getStyleClass().add("question");
    }

    VBox node() {
        return root;
    }

    void show(ChatItem item, boolean sameItem) {
        text.setText(item.text());
        if (!sameItem) {
            editing.setVisible(false);
            thumbnails.getChildren().setAll(Thumbnails.row(item.images()).getChildren());
        }
        thumbnails.setVisible(!item.images().isEmpty());
        versions.setVisible(!item.versionPosition().isEmpty());
        position.setText(item.versionPosition());
        previous.setVisible(item.versions().shown() > 0);
        next.setVisible(item.versions().shown() < item.versions().ids().size() - 1);
    }

    private void startEditing() {
        editor.setText(shown.get().text());
        editing.setVisible(true);
        editor.requestFocus();
        editor.selectAll();
    }

    private void finishEditing() {
        String now = editor.getText();
        if (now.isBlank()) {
            return;
        }
        editing.setVisible(false);
        model.edit(shown.get(), now);
    }
}

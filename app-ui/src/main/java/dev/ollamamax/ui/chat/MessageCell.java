package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.Icons;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * A cell of the conversation: a user message ({@link QuestionBox}: pictures, bubble, edit, versions), an answer
 * (a collapsible {@link ThinkingPane}, Markdown, its model, node, timing and tokens, its state, and Copy / Stop /
 * Regenerate / Retry), or a connection notice. It follows the item it
 * shows through {@link ChatItem#versionProperty()}; cells are reused by the virtualized list.
 */
final class MessageCell extends ListCell<ChatItem> {

    private final ChatViewModel model;
    private final Consumer<String> copy;
    private final ChangeListener<Number> changed = (o, was, now) -> redraw();
    private ChatItem shown;
    private String shownChip = "";

    // user
    private final QuestionBox question;
    private final HBox userRow;
    // notice
    private final Label noticeText = new Label();
    private final HBox noticeRow = new HBox(noticeText);
    // answer
    private final Label detail = new Label();
    private final Chip state = new Chip();
    private final Button copyButton = Icons.iconButton(Feather.COPY, "Copy the answer (Markdown)");
    private final Button stop = Icons.iconButton(Feather.SQUARE, "Stop this answer (Esc)");
    private final Button regenerate = Icons.iconButton(Feather.REFRESH_CW, "Regenerate: a new answer to the same question");
    private final Button previous = Icons.iconButton(Feather.CHEVRON_LEFT, "The previous answer to this question");
    private final Label position = new Label();
    private final Button next = Icons.iconButton(Feather.CHEVRON_RIGHT, "The next answer to this question");
    private final HBox alternatives = new HBox(2, previous, position, next);
    private final MarkdownPane body;
    private final ThinkingPane thinking = new ThinkingPane();
    private final Label error = new Label();
    private final Button retry = Icons.button("Retry", Feather.ROTATE_CW, "Send the question again");
    private final HBox errorRow = new HBox(10, error, retry);
    private final VBox answer;

    MessageCell(ListView<ChatItem> list, ChatViewModel model, MarkdownRenderer renderer, Consumer<String> copy) {
        this.model = model;
        this.copy = copy;
        getStyleClass().add("message-cell");
        setPrefWidth(0);
        question = new QuestionBox(model, () -> shown, list.widthProperty());
        userRow = new HBox(question.node());
        userRow.setAlignment(Pos.CENTER_RIGHT);
        noticeText.setWrapText(true);
        noticeText.setGraphic(Icons.icon(Feather.SHUFFLE, 13));
        noticeText.getStyleClass().add("chat-notice");
        noticeRow.setAlignment(Pos.CENTER);

        body = new MarkdownPane(renderer);
        detail.getStyleClass().addAll("text-muted", "text-small", "answer-detail");
        detail.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        copyButton.getStyleClass().add("answer-copy");
        stop.getStyleClass().addAll("answer-stop", "action-stop");
        regenerate.getStyleClass().add("answer-regenerate");
        retry.getStyleClass().addAll("answer-retry", "small");
        copyButton.setOnAction(e -> copy.accept(shown.text()));
        stop.setOnAction(e -> model.stop(shown));
        regenerate.setOnAction(e -> model.regenerate(shown));
        retry.setOnAction(e -> model.retry(shown));
        previous.setOnAction(e -> model.showAlternative(shown, -1));
        next.setOnAction(e -> model.showAlternative(shown, 1));
        position.getStyleClass().addAll("text-muted", "text-small", "answer-position");
        alternatives.setAlignment(Pos.CENTER);
        alternatives.getStyleClass().add("answer-alternatives");
        alternatives.managedProperty().bind(alternatives.visibleProperty());
        HBox head = new HBox(6, Icons.icon(Feather.CPU, 13), detail, state, gap, alternatives, stop, regenerate, copyButton);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("answer-head");
        error.setWrapText(true);
        error.setMinWidth(0);
        HBox.setHgrow(error, Priority.ALWAYS);
        errorRow.setAlignment(Pos.CENTER_LEFT);
        errorRow.getStyleClass().addAll("banner", "banner-danger", "answer-error");
        errorRow.managedProperty().bind(errorRow.visibleProperty());
        answer = new VBox(6, head, thinking.node(), body, errorRow);
        answer.getStyleClass().add("answer");
        answer.prefWidthProperty().bind(list.widthProperty().subtract(36));
        answer.maxWidthProperty().bind(answer.prefWidthProperty());
    }

    @Override
    protected void updateItem(ChatItem item, boolean empty) {
        super.updateItem(item, empty);
        if (shown != null) {
            shown.versionProperty().removeListener(changed);
            detail.textProperty().unbind();
        }
        boolean same = item == shown;
        if (!same) {
            body.clear();
            thinking.reset();
            shownChip = "";
        }
        shown = empty ? null : item;
        setText(null);
        if (shown == null) {
            setGraphic(null);
            return;
        }
        shown.versionProperty().addListener(changed);
        switch (shown.kind()) {
            case USER -> {
                question.show(shown, same);
                setGraphic(userRow);
            }
            case NOTICE -> {
                noticeText.setText(shown.text());
                setGraphic(noticeRow);
            }
            case ASSISTANT -> {
                detail.textProperty().bind(shown.detailProperty());
                redraw();
                setGraphic(answer);
            }
        }
    }

    private void redraw() {
        ChatItem item = shown;
        if (item != null && item.kind() == ChatItem.Kind.USER) {
            question.show(item, true);
            return;
        }
        if (item == null || item.kind() != ChatItem.Kind.ASSISTANT) {
            return;
        }
        ChatItem.State s = item.state();
        thinking.show(item);
        body.show(item.text(), item.active());
        copyButton.setDisable(item.text().isEmpty());
        alternatives.setVisible(!item.position().isEmpty());
        position.setText(item.position());
        previous.setDisable(item.active() || item.alternative() == 0);
        next.setDisable(item.active() || item.alternative() >= item.alternativeCount() - 1);
        String chipKey = s + item.node();
        if (chipKey.equals(shownChip)) {
            return; // only the text grew: leave the chrome alone
        }
        shownChip = chipKey;
        switch (s) {
            case QUEUED -> state.set("queued", Chip.Tone.WARNING);
            case SENDING -> state.set(item.node().isEmpty() ? "sending" : "waiting for " + item.node(), Chip.Tone.ACCENT);
            case STREAMING -> state.set("streaming", Chip.Tone.ACCENT);
            case DONE -> state.set("done", Chip.Tone.SUCCESS);
            case STOPPED -> state.set("stopped", Chip.Tone.NEUTRAL);
            case FAILED -> state.set("failed", Chip.Tone.DANGER);
            case LOST -> state.set("lost", Chip.Tone.DANGER);
        }
        state.setVisible(s != ChatItem.State.DONE);
        state.setManaged(state.isVisible());
        stop.setVisible(item.active());
        stop.setManaged(item.active());
        regenerate.setVisible(s == ChatItem.State.DONE || s == ChatItem.State.STOPPED);
        regenerate.setManaged(regenerate.isVisible());
        errorRow.setVisible(item.retryable());
        error.setText(item.errorProperty().get());
    }
}

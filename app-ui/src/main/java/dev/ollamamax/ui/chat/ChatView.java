package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.Screen;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * Builds the Chat screen: conversations on the left, the conversation in a virtualized list, the composer
 * below (Enter sends, Shift+Enter new line, Esc stops, Ctrl+N new chat), the {@link ChatHeader} on top, the conversation's settings on the right. A frame timer applies the client's events once
 * per frame while they come, and sleeps when they stop.
 */
public final class ChatView implements Screen {

    private static final KeyCombination NEW_CHAT = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);

    private final ChatViewModel model;
    private final DesktopChatClient connection;
    private final BorderPane root = new BorderPane();
    private final ListView<ChatItem> messages = new ListView<>();
    private final TextArea input = new TextArea();
    private final MarkdownRenderer renderer;
    private final AnimationTimer frames;
    private boolean follow = true;
    private int quietFrames;

    public ChatView(ChatViewModel model, DesktopChatClient connection) {
        this.model = model;
        this.connection = connection;
        this.renderer = new MarkdownRenderer(ChatView::toClipboard);
        this.frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onFrame();
            }
        };
        connection.setWake(() -> Platform.runLater(frames::start));
        build();
    }

    private void onFrame() {
        boolean busy = model.pulse();
        quietFrames = busy ? 0 : quietFrames + 1;
        if (follow && quietFrames < 20) {
            scrollToEnd(); // also a few frames after the last event: the final Markdown render changes the height
        }
        if (quietFrames > 30) {
            quietFrames = 0;
            frames.stop();
        }
    }

    @Override
    public String title() {
        return "Chat";
    }

    @Override
    public Ikon icon() {
        return Feather.MESSAGE_SQUARE;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void refresh() {
        model.refreshConversations();
        model.refreshModels();
    }

    @Override
    public void shown() {
        refresh();
        Scene scene = root.getScene();
        if (scene != null) {
            scene.getAccelerators().put(NEW_CHAT, this::newChat);
        }
        frames.start();
        Platform.runLater(input::requestFocus);
    }

    @Override
    public void hidden() {
        Scene scene = root.getScene();
        if (scene != null) {
            scene.getAccelerators().remove(NEW_CHAT);
        }
    }

    private void newChat() {
        model.newChat();
        input.requestFocus();
    }

    private void build() {
        root.getStyleClass().add("chat-screen");
        root.setLeft(new ConversationList(model).node());
        ChatHeader header = new ChatHeader(model);
        root.setCenter(center(header.node()));
        SettingsPane settings = new SettingsPane(model);
        root.setRight(settings.node());
        settings.node().setVisible(false);
        settings.node().managedProperty().bind(settings.node().visibleProperty());
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.generatingProperty().get()) {
                model.stop();
                e.consume();
            }
        });
        header.settingsToggle().selectedProperty().bindBidirectional(settings.node().visibleProperty());
    }

    private Node center(HBox header) {
        Label message = new Label();
        message.setId("chat-message");
        message.getStyleClass().addAll("banner", "banner-danger");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        messages.setId("chat-messages");
        messages.setItems(model.items());
        messages.getStyleClass().add("chat-messages");
        messages.setFocusTraversable(false);
        messages.setCellFactory(l -> new MessageCell(l, model, renderer, ChatView::toClipboard));
        Label empty = new Label("Ask anything. Enter sends, Shift+Enter starts a new line, Esc stops, Ctrl+N starts a new chat.");
        empty.getStyleClass().add("text-muted");
        empty.setWrapText(true);
        messages.setPlaceholder(empty);
        messages.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                follow = false;
            } else {
                Platform.runLater(() -> follow = atEnd());
            }
        });
        model.items().addListener((ListChangeListener<ChatItem>) c -> {
            while (c.next()) {
                if (c.wasAdded() && c.getAddedSubList().stream().anyMatch(i -> i.kind() == ChatItem.Kind.USER)) {
                    follow = true;
                }
            }
            if (follow) {
                Platform.runLater(this::scrollToEnd);
            }
        });
        VBox.setVgrow(messages, Priority.ALWAYS);

        ComposerAttachments pictures = new ComposerAttachments(model.attachments());
        VBox box = new VBox(10, header, message, messages, pictures.strip(), composer(pictures));
        box.getStyleClass().add("chat-center");
        pictures.acceptDrops(box);
        return box;
    }

    private Node composer(ComposerAttachments pictures) {
        pictures.acceptPaste(input);
        input.setId("chat-input");
        input.setPromptText("Message the model…  (Enter sends, Shift+Enter new line)");
        input.setWrapText(true);
        input.setPrefRowCount(3);
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                if (e.isShiftDown()) {
                    input.insertText(input.getCaretPosition(), "\n");
                } else {
                    sendInput();
                }
            }
        });
        Button send = Icons.button("Send", Feather.SEND, "Send (Enter)");
        send.setId("chat-send");
        send.getStyleClass().add("accent");
        send.setOnAction(e -> sendInput());
        Button stop = Icons.button("Stop", Feather.SQUARE, "Stop the answer (Esc)");
        stop.setId("chat-stop");
        stop.getStyleClass().add("danger");
        stop.setOnAction(e -> model.stop());
        send.visibleProperty().bind(model.generatingProperty().not());
        stop.visibleProperty().bind(model.generatingProperty());
        send.setMinWidth(Region.USE_PREF_SIZE);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        StackPane buttons = new StackPane(send, stop);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        buttons.setAlignment(Pos.BOTTOM_RIGHT);
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox row = new HBox(10, pictures.button(), input, buttons);
        row.setAlignment(Pos.BOTTOM_LEFT);
        row.getStyleClass().add("chat-composer");
        return row;
    }

    private void sendInput() {
        String text = input.getText();
        if (text.isBlank() && model.attachments().isEmpty()) {
            return;
        }
        int before = model.items().size();
        model.send(text);
        if (model.items().size() > before) {
            input.clear();
        }
    }

    private boolean atEnd() {
        return messages.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getPosition() >= 0.995;
    }

    private void scrollToEnd() {
        if (!model.items().isEmpty() && messages.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.scrollTo(model.items().size() - 1);
            flow.setPosition(1.0);
        }
    }

    static void toClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}

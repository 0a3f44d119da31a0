package dev.ollamamax.ui.logs;

import atlantafx.base.controls.CustomTextField;
import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.Screen;
import dev.ollamamax.ui.common.ScreenHeader;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Builds the Logs screen: sources on the left, a virtualized, filterable line list on the right. */
public final class LogsView implements Screen {

    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final LogsViewModel model;
    private final VBox root = new VBox();
    private final ListView<String> lines = new ListView<>();
    private final Timeline pulse = new Timeline(new KeyFrame(Duration.millis(150), e -> pump()));

    public LogsView(LogsViewModel model) {
        this.model = model;
        pulse.setCycleCount(Animation.INDEFINITE);
        build();
    }

    @Override
    public String title() {
        return "Logs";
    }

    @Override
    public Ikon icon() {
        return Feather.FILE_TEXT;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void refresh() {
        model.refreshSources();
        model.select(model.selectedProperty().get());
    }

    @Override
    public void shown() {
        model.refreshSources();
        pulse.play();
    }

    @Override
    public void hidden() {
        pulse.stop();
    }

    private void pump() {
        if (model.drain() > 0 && model.followProperty().get() && !lines.getItems().isEmpty()) {
            lines.scrollTo(lines.getItems().size() - 1);
        }
    }

    private void build() {
        root.getStyleClass().add("screen");
        HBox header = ScreenHeader.of("Logs",
                "The gateway's own log and each service's log, live. Select lines and press Ctrl+C to copy.");

        ListView<LogSource> sources = new ListView<>(model.sources());
        sources.setId("log-sources");
        sources.getStyleClass().add("log-sources");
        sources.setPrefWidth(230);
        sources.setMinWidth(180);
        sources.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LogSource s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
                setGraphic(empty || s == null ? null
                        : Icons.icon(s.id().equals(LogSource.GATEWAY_ID) ? Feather.ACTIVITY : Feather.SERVER, 14));
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null && sources.getSelectionModel().getSelectedItem() != now) {
                sources.getSelectionModel().select(now);
            }
        });
        sources.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != model.selectedProperty().get()) {
                model.select(now);
            }
        });
        sources.getSelectionModel().select(model.selectedProperty().get());

        VBox right = new VBox(8, toolbar(), logList(), footer());
        right.getStyleClass().add("log-pane");
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox body = new HBox(12, sources, right);
        VBox.setVgrow(body, Priority.ALWAYS);
        root.getChildren().addAll(header, body);
    }

    private HBox toolbar() {
        CustomTextField filter = new CustomTextField();
        filter.setId("log-filter");
        filter.setPromptText("Filter lines…");
        filter.setLeft(Icons.icon(Feather.SEARCH, 14));
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);

        ToggleButton follow = new ToggleButton("Follow", Icons.icon(Feather.CHEVRONS_DOWN, 14));
        follow.setId("log-follow");
        follow.selectedProperty().bindBidirectional(model.followProperty());
        follow.setTooltip(Icons.tooltip("Keep the newest line in sight"));

        Button copy = Icons.button("Copy", Feather.COPY, "Copy the selected lines (or all shown lines) — Ctrl+C");
        copy.setId("log-copy");
        copy.setOnAction(e -> copy());
        Button clear = Icons.button("Clear", Feather.TRASH_2, "Clear the view (the log itself is kept)");
        clear.setOnAction(e -> model.clear());
        HBox bar = new HBox(8, filter, follow, copy, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private ListView<String> logList() {
        lines.setId("log-lines");
        lines.setItems(model.visibleLines());
        lines.getStyleClass().addAll("log-lines", "dense");
        lines.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        lines.setPlaceholder(new Label("No log lines yet."));
        lines.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copy();
                e.consume();
            }
        });
        lines.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
                getStyleClass().removeAll("log-warning", "log-severe");
                if (!empty && line != null) {
                    if (line.contains(" SEVERE ") || line.contains("failed")) {
                        getStyleClass().add("log-severe");
                    } else if (line.contains(" WARNING ")) {
                        getStyleClass().add("log-warning");
                    }
                }
            }
        });
        VBox.setVgrow(lines, Priority.ALWAYS);
        return lines;
    }

    private Label footer() {
        Label count = new Label();
        count.getStyleClass().addAll("text-muted", "text-small");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> model.visibleLines().size() + " lines shown"
                        + (model.filterProperty().get().isBlank() ? "" : " (filtered)"),
                model.visibleLines(), model.filterProperty()));
        return count;
    }

    private void copy() {
        List<String> selected = List.copyOf(lines.getSelectionModel().getSelectedItems());
        ClipboardContent content = new ClipboardContent();
        content.putString(model.copyText(selected));
        Clipboard.getSystemClipboard().setContent(content);
    }
}

package dev.ollamamax.ui.nodes;

import dev.ollamamax.ui.common.Icons;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The model memory of the selected node: loaded models with their size in VRAM and RAM, context length and
 * time until unload; Keep loaded and Unload per model; Preload for any model of the node; the totals.
 */
final class MemoryPane {

    private final ModelMemory memory;
    private final ModelsViewModel models;
    private final VBox root = new VBox(8);
    private final TableView<LoadedModel> table = new TableView<>();

    MemoryPane(ModelsViewModel models) {
        this.models = models;
        this.memory = models.memory();
        build();
    }

    Node node() {
        return root;
    }

    private void build() {
        root.getStyleClass().add("memory-pane");
        root.setId("memory-pane");
        Label title = new Label("Model memory");
        title.getStyleClass().addAll("section-title", "title-4");
        Label totals = new Label();
        totals.setId("memory-totals");
        totals.getStyleClass().add("text-muted");
        totals.textProperty().bind(memory.totalsProperty());
        ComboBox<String> choice = new ComboBox<>();
        choice.setId("memory-preload-model");
        choice.setPromptText("model to load");
        Runnable names = () -> choice.getItems().setAll(models.models().stream().map(ModelRow::name).toList());
        models.models().addListener((ListChangeListener<ModelRow>) c -> names.run());
        names.run();
        Button preload = Icons.button("Preload", Feather.UPLOAD, "Load this model into the node's memory now");
        preload.setId("memory-preload");
        preload.disableProperty().bind(choice.valueProperty().isNull());
        preload.setOnAction(e -> memory.preload(choice.getValue()));
        Button refresh = Icons.iconButton(Feather.REFRESH_CW, "Read the loaded models again");
        refresh.setOnAction(e -> memory.refresh());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(10, title, totals, gap, choice, preload, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        Label busy = new Label();
        busy.getStyleClass().addAll("banner", "banner-info");
        busy.textProperty().bind(memory.busyProperty());
        Label message = new Label();
        message.getStyleClass().addAll("banner", "banner-danger");
        message.setWrapText(true);
        message.textProperty().bind(memory.messageProperty());
        for (Label l : new Label[] {busy, message}) {
            l.setMaxWidth(Double.MAX_VALUE);
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
        }

        table.setId("memory-table");
        table.setItems(memory.loaded());
        table.setPlaceholder(new Label("No model is loaded on this node"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(text("Model", 220, LoadedModel::name));
        table.getColumns().add(text("In VRAM", 90, m -> Sizes.human(m.sizeVram())));
        table.getColumns().add(text("In RAM", 90, m -> Sizes.human(m.ramBytes())));
        table.getColumns().add(text("Context", 80, m -> m.contextLength() > 0 ? m.contextLength() + " tok" : "–"));
        table.getColumns().add(text("Unloads", 150, m -> m.untilUnload(Instant.now())));
        TableColumn<LoadedModel, LoadedModel> actions = new TableColumn<>("");
        actions.setPrefWidth(90);
        actions.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        actions.setCellFactory(c -> new ActionsCell());
        table.getColumns().add(actions);
        table.setPrefHeight(150);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(header, busy, message, table);
    }

    private static TableColumn<LoadedModel, String> text(String name, double width, Function<LoadedModel, String> value) {
        TableColumn<LoadedModel, String> col = new TableColumn<>(name);
        col.setPrefWidth(width);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return col;
    }

    private final class ActionsCell extends TableCell<LoadedModel, LoadedModel> {
        private final Button keep = Icons.iconButton(Feather.LOCK, "Keep loaded: the node keeps it until it is unloaded (keep_alive -1)");
        private final Button unload = Icons.iconButton(Feather.X_CIRCLE, "Unload it now (keep_alive 0)");
        private final HBox box = new HBox(2, keep, unload);

        ActionsCell() {
            keep.getStyleClass().add("memory-keep");
            unload.getStyleClass().add("memory-unload");
            keep.setOnAction(e -> memory.keepLoaded(getItem().name()));
            unload.setOnAction(e -> memory.unload(getItem().name()));
        }

        @Override
        protected void updateItem(LoadedModel m, boolean empty) {
            super.updateItem(m, empty);
            setText(null);
            if (empty || m == null) {
                setGraphic(null);
                return;
            }
            keep.setDisable(m.keptLoaded(Instant.now()));
            setGraphic(box);
        }
    }
}

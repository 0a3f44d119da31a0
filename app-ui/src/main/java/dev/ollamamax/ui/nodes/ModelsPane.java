package dev.ollamamax.ui.nodes;

import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.Icons;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The lower half of the Nodes screen: the selected node's models, the pull field, and the pulls with their progress. */
final class ModelsPane {

    private final ModelsViewModel model;
    private final NodesViewModel nodes;
    private final VBox root = new VBox(10);
    private final javafx.scene.layout.FlowPane pullCards = new javafx.scene.layout.FlowPane(10, 10);
    private final Map<PullJob, Node> cards = new java.util.HashMap<>();

    ModelsPane(ModelsViewModel model, NodesViewModel nodes) {
        this.model = model;
        this.nodes = nodes;
        build();
    }

    Node node() {
        return root;
    }

    private void build() {
        root.getStyleClass().add("models-pane");
        Label title = new Label();
        title.setId("models-title");
        title.getStyleClass().addAll("section-title", "title-4");
        title.textProperty().bind(Bindings.createStringBinding(() -> model.nodeProperty().get()
                .map(id -> "Models on " + id).orElse("Models"), model.nodeProperty()));
        TextField name = new TextField();
        name.setId("pull-model-name");
        name.setPromptText("model to pull, e.g. llama3.2:1b");
        name.setPrefColumnCount(15);
        name.setMinWidth(110);
        Button pull = Icons.button("Pull", Feather.DOWNLOAD, "Pull this model onto the selected node (streams progress)");
        pull.setId("pull-model");
        pull.disableProperty().bind(Bindings.createBooleanBinding(() -> model.nodeProperty().get().isEmpty(),
                model.nodeProperty()));
        Runnable doPull = () -> model.pull(name.getText()).ifPresent(j -> name.clear());
        pull.setOnAction(e -> doPull.run());
        name.setOnAction(e -> doPull.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        TableView<ModelRow> table = table();
        Button details = Icons.button("Details", Feather.INFO, "Show details: parameters, template, license, capabilities (/api/show)");
        details.setId("model-details-open");
        details.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        details.setOnAction(e -> showDetails(table.getSelectionModel().getSelectedItem()));
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<ModelRow> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    showDetails(row.getItem());
                }
            });
            return row;
        });
        Button create = Icons.button("Create…", Feather.PLUS_SQUARE, "Create from Modelfile: a new model from one of this node's models");
        create.setId("model-create-open");
        create.disableProperty().bind(pull.disableProperty());
        create.setOnAction(e -> CreateDialog.show(root.getScene().getWindow(), model,
                Optional.ofNullable(table.getSelectionModel().getSelectedItem()).map(ModelRow::name)));
        Button aliases = Icons.button("Aliases…", Feather.SHUFFLE, "Model aliases with fallbacks (admin): add, edit, delete");
        aliases.setId("model-aliases-open");
        aliases.setOnAction(e -> AliasesDialog.show(root.getScene().getWindow(), model.aliases()));
        for (javafx.scene.control.Control c : java.util.List.of(title, pull, details, create, aliases)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(8, title, gap, name, pull, details, create, aliases);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("models-message");
        message.getStyleClass().addAll("banner", "banner-danger");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        table.setMinHeight(110);
        VBox.setVgrow(table, Priority.ALWAYS);
        pullCards.getStyleClass().add("pull-cards");
        pullCards.visibleProperty().bind(Bindings.isNotEmpty(model.pulls()));
        pullCards.managedProperty().bind(pullCards.visibleProperty());
        model.pulls().addListener((ListChangeListener<PullJob>) c -> showPulls());
        root.getChildren().addAll(bar, message, pullCards, table);
    }

    private TableView<ModelRow> table() {
        TableView<ModelRow> table = new TableView<>(model.models());
        table.setId("models-table");
        table.getStyleClass().addAll("edge-to-edge", "striped");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No models on this node yet: pull one."));
        TableColumn<ModelRow, String> name = new TableColumn<>("Model");
        name.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(200);
        name.getStyleClass().add("mono-column");
        TableColumn<ModelRow, String> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue().sizeText()));
        size.setPrefWidth(85);
        TableColumn<ModelRow, String> quant = new TableColumn<>("Quantization");
        quant.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue().quantization()));
        quant.setPrefWidth(100);
        TableColumn<ModelRow, String> family = new TableColumn<>("Family");
        family.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue().family()));
        family.setPrefWidth(80);
        TableColumn<ModelRow, String> params = new TableColumn<>("Parameters");
        params.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue().parameterSize()));
        params.setPrefWidth(90);
        TableColumn<ModelRow, ModelRow> loaded = new TableColumn<>("Memory");
        loaded.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        loaded.setCellFactory(c -> new LoadedCell());
        loaded.setPrefWidth(95);
        TableColumn<ModelRow, ModelRow> actions = new TableColumn<>("");
        actions.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        actions.setCellFactory(c -> new ActionsCell());
        actions.setMinWidth(84);
        actions.setPrefWidth(84);
        actions.setSortable(false);
        table.getColumns().setAll(java.util.List.of(name, size, quant, family, params, loaded, actions));
        return table;
    }

    private void showDetails(ModelRow row) {
        if (row == null) {
            return;
        }
        model.showDetails(row);
        DetailsDialog.show(root.getScene().getWindow(), model.details(),
                row.name() + " on " + model.nodeProperty().get().orElse(""));
    }

    private void showPulls() {
        cards.keySet().retainAll(model.pulls());
        pullCards.getChildren().setAll(model.pulls().stream()
                .map(j -> cards.computeIfAbsent(j, k -> new PullCard(k, model).node())).toList());
    }

    private static final class LoadedCell extends TableCell<ModelRow, ModelRow> {
        private final Chip chip = new Chip();

        @Override
        protected void updateItem(ModelRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            chip.set(row.loaded() ? "loaded" : "on disk", row.loaded() ? Chip.Tone.ACCENT : Chip.Tone.NEUTRAL);
            setGraphic(chip);
        }
    }

    private final class ActionsCell extends TableCell<ModelRow, ModelRow> {
        private final MenuButton copy = new MenuButton(null, Icons.icon(Feather.COPY, 14));
        private final Button delete = Icons.iconButton(Feather.TRASH_2, "Delete this model from the node");
        private final HBox box = new HBox(2, copy, delete);

        ActionsCell() {
            box.setAlignment(Pos.CENTER_RIGHT);
            copy.getStyleClass().addAll("flat", "button-icon");
            copy.setTooltip(Icons.tooltip("Copy to node…: pull the same model on another node"));
            copy.setOnShowing(e -> fillCopyMenu());
            delete.getStyleClass().add("action-stop");
            delete.setOnAction(e -> confirmDelete(getItem()));
        }

        private void fillCopyMenu() {
            ModelRow row = getItem();
            Map<String, String> others = model.otherNodes();
            if (others.isEmpty()) {
                MenuItem none = new MenuItem("No other node to copy to");
                none.setDisable(true);
                copy.getItems().setAll(none);
                return;
            }
            copy.getItems().setAll(others.entrySet().stream().map(en -> {
                MenuItem item = new MenuItem("Copy to " + en.getValue() + (en.getValue().equals(en.getKey()) ? "" : " (" + en.getKey() + ")"));
                item.setOnAction(e -> model.copyTo(row, en.getKey()));
                return item;
            }).toList());
        }

        @Override
        protected void updateItem(ModelRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            String key = row.name().replaceAll("[^A-Za-z0-9-]", "-");
            delete.setId("delete-model-" + key);
            copy.setId("copy-model-" + key);
            copy.getItems().setAll(new MenuItem("…"));
            setGraphic(box);
        }

        private void confirmDelete(ModelRow row) {
            String node = model.nodeProperty().get().orElse("");
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                    "Its files (" + row.sizeText() + ") are removed from " + node + ". Pull it again to get it back.",
                    ButtonType.CANCEL, ButtonType.OK);
            confirm.setHeaderText("Delete " + row.name() + " from " + node + "?");
            confirm.setTitle("Delete model");
            confirm.initOwner(root.getScene().getWindow());
            confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.delete(row));
        }
    }
}

package dev.ollamamax.ui.nodes;

import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.Poller;
import dev.ollamamax.ui.common.Screen;
import dev.ollamamax.ui.common.ScreenHeader;
import dev.ollamamax.ui.common.UiExecutor;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Builds the Nodes screen: the node table on top, the selected node's models and pulls below. */
public final class NodesView implements Screen {

    static final String DOWNLOAD_URL = "https://ollama.com/download";

    private final NodesViewModel model;
    private final ModelsViewModel models;
    private final UiExecutor executor;
    private final Consumer<String> openUrl;
    private final VBox root = new VBox();
    private final TableView<NodeRow> table = new TableView<>();
    private final Poller poll;

    public NodesView(NodesViewModel model, ModelsViewModel models, UiExecutor executor, Consumer<String> openUrl) {
        this.model = model;
        this.models = models;
        this.executor = executor;
        this.openUrl = openUrl;
        this.poll = new Poller(executor, Duration.ofSeconds(1), model::refresh);
        build();
        model.afterRefresh(models::refresh);
    }

    @Override
    public String title() {
        return "Nodes";
    }

    @Override
    public Ikon icon() {
        return Feather.CPU;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void refresh() {
        model.refresh();
        models.memory().refresh();
    }

    @Override
    public void shown() {
        model.refresh();
        poll.start();
    }

    @Override
    public void hidden() {
        poll.stop();
    }

    private void build() {
        root.getStyleClass().add("screen");
        Button start = Icons.button("Start local node", Feather.PLAY_CIRCLE,
                "Run ollama serve on a free port, manage it like a service and add it as a node");
        start.setId("nodes-start-local");
        start.disableProperty().bind(model.startingLocalProperty().or(model.canManageNodesProperty().not()));
        start.setOnAction(e -> model.startLocalNode());
        Button add = Icons.button("Add node…", Feather.PLUS, "Add an Ollama server by URL; the gateway tests it first");
        add.setId("nodes-add");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> AddNodeDialog.show(root.getScene().getWindow(), model));
        add.disableProperty().bind(model.canManageNodesProperty().not());
        HBox header = ScreenHeader.of("Nodes",
                "The Ollama servers the gateway routes to, live: health, version, models, load and latency.",
                start, add);

        Label message = new Label();
        message.setId("nodes-message");
        message.getStyleClass().addAll("banner", "banner-danger");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        Label starting = new Label("Starting ollama serve and waiting for it to answer…");
        starting.getStyleClass().addAll("banner", "banner-info");
        starting.setMaxWidth(Double.MAX_VALUE);
        starting.visibleProperty().bind(model.startingLocalProperty());
        starting.managedProperty().bind(starting.visibleProperty());

        SplitPane split = new SplitPane(buildTable(), new ModelsPane(models, model).node(), new MemoryPane(models).node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3, 0.7);
        split.getStyleClass().add("nodes-split");
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren().addAll(header, missingBinaryBanner(), starting, message, split);
    }

    private Node missingBinaryBanner() {
        Label text = new Label();
        text.setWrapText(true);
        text.textProperty().bind(model.missingBinaryProperty());
        Hyperlink link = new Hyperlink("Download Ollama (" + DOWNLOAD_URL + ")");
        link.setId("nodes-download-ollama");
        link.setOnAction(e -> openUrl.accept(DOWNLOAD_URL));
        Button close = Icons.iconButton(Feather.X, "Dismiss");
        close.setOnAction(e -> model.dismissMissingBinary());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(text, Priority.SOMETIMES);
        HBox banner = new HBox(8, Icons.icon(Feather.ALERT_TRIANGLE, 16), text, link, gap, close);
        banner.setId("nodes-missing-binary");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().addAll("banner", "banner-warning");
        banner.visibleProperty().bind(model.missingBinaryProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private TableView<NodeRow> buildTable() {
        table.setItems(model.rows());
        table.setId("nodes-table");
        table.getStyleClass().addAll("edge-to-edge", "striped");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No Ollama node yet: add one by URL, or start a local node."));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                models.select(Optional.ofNullable(now).map(NodeRow::id)));
        model.rows().addListener((javafx.collections.ListChangeListener<NodeRow>) c -> {
            if (table.getSelectionModel().isEmpty() && !model.rows().isEmpty()) {
                table.getSelectionModel().selectFirst();
            }
        });
        // the screen is built when first shown, maybe after the nodes were listed
        if (!model.rows().isEmpty()) {
            table.getSelectionModel().selectFirst();
        }

        TableColumn<NodeRow, NodeRow> name = column("Node", 230, new ReadOnlyNode());
        name.setCellFactory(c -> new NameCell());
        TableColumn<NodeRow, NodeRow.Health> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> c.getValue().healthProperty());
        status.setCellFactory(c -> new HealthCell());
        status.setPrefWidth(120);
        TableColumn<NodeRow, String> version = new TableColumn<>("Version");
        version.setCellValueFactory(c -> c.getValue().versionProperty());
        version.setPrefWidth(80);
        TableColumn<NodeRow, Number> count = new TableColumn<>("Models");
        count.setCellValueFactory(c -> c.getValue().modelsProperty());
        count.setPrefWidth(70);
        TableColumn<NodeRow, String> loaded = new TableColumn<>("Loaded");
        loaded.setCellValueFactory(c -> c.getValue().loadedProperty());
        loaded.setPrefWidth(150);
        TableColumn<NodeRow, Number> inFlight = new TableColumn<>("In flight");
        inFlight.setCellValueFactory(c -> c.getValue().inFlightProperty());
        inFlight.setPrefWidth(75);
        TableColumn<NodeRow, String> latency = new TableColumn<>("Latency");
        latency.setCellValueFactory(c -> c.getValue().latencyProperty());
        latency.setPrefWidth(80);
        TableColumn<NodeRow, NodeRow> actions = column("", 90, new ReadOnlyNode());
        actions.setCellFactory(c -> new ActionsCell());
        actions.setMinWidth(90);
        actions.setSortable(false);
        table.getColumns().setAll(java.util.List.of(name, status, version, count, loaded, inFlight, latency, actions));
        return table;
    }

    private static TableColumn<NodeRow, NodeRow> column(String title, double width, ReadOnlyNode value) {
        TableColumn<NodeRow, NodeRow> c = new TableColumn<>(title);
        c.setCellValueFactory(value::of);
        c.setPrefWidth(width);
        return c;
    }

    /** The row itself as a cell value. */
    private static final class ReadOnlyNode {
        ReadOnlyObjectWrapper<NodeRow> of(TableColumn.CellDataFeatures<NodeRow, NodeRow> c) {
            return new ReadOnlyObjectWrapper<>(c.getValue());
        }
    }

    private static final class NameCell extends TableCell<NodeRow, NodeRow> {
        private final Label name = new Label();
        private final Label url = new Label();
        private final VBox box = new VBox(1, name, url);

        NameCell() {
            name.getStyleClass().add("cell-title");
            url.getStyleClass().addAll("cell-subtitle", "text-muted");
        }

        @Override
        protected void updateItem(NodeRow row, boolean empty) {
            super.updateItem(row, empty);
            name.textProperty().unbind();
            url.textProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            name.textProperty().bind(row.nameProperty());
            url.textProperty().bind(row.urlProperty());
            setGraphic(box);
        }
    }

    private final class HealthCell extends TableCell<NodeRow, NodeRow.Health> {
        private final Chip chip = new Chip();

        @Override
        protected void updateItem(NodeRow.Health health, boolean empty) {
            super.updateItem(health, empty);
            if (empty || health == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            switch (health) {
                case UP -> chip.set("up", Chip.Tone.SUCCESS);
                case DOWN -> chip.set("down", Chip.Tone.DANGER);
                case DRAINING -> chip.set("draining", Chip.Tone.WARNING);
                case UNKNOWN -> chip.set("probing", Chip.Tone.NEUTRAL);
            }
            NodeRow row = getTableRow() == null ? null : getTableRow().getItem();
            String error = row == null ? "" : row.errorProperty().get();
            setTooltip(error.isEmpty() ? null : Icons.tooltip(error));
            setGraphic(chip);
        }
    }

    private final class ActionsCell extends TableCell<NodeRow, NodeRow> {
        private final Button drain = Icons.iconButton(Feather.PAUSE_CIRCLE, "Drain: no new requests, running ones finish");
        private final Button remove = Icons.iconButton(Feather.TRASH_2, "Remove this node from the gateway");
        private final HBox box = new HBox(2, drain, remove);
        private final javafx.beans.value.ChangeListener<Boolean> drainingListener = (o, was, now) -> showDraining(now);
        private NodeRow shown;

        ActionsCell() {
            box.setAlignment(Pos.CENTER_RIGHT);
            remove.getStyleClass().add("action-stop");
            drain.setOnAction(e -> model.setDraining(getItem(), !getItem().draining()));
            remove.setOnAction(e -> confirmRemove(getItem()));
        }

        @Override
        protected void updateItem(NodeRow row, boolean empty) {
            super.updateItem(row, empty);
            box.disableProperty().unbind();
            if (shown != null) {
                shown.drainingProperty().removeListener(drainingListener);
                shown = null;
            }
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            shown = row;
            row.drainingProperty().addListener(drainingListener);
            box.disableProperty().bind(row.busyProperty().or(model.canManageNodesProperty().not()));
            String key = row.id().replaceAll("[^A-Za-z0-9-]", "-");
            drain.setId("drain-" + key);
            remove.setId("remove-" + key);
            showDraining(row.draining());
            setGraphic(box);
        }

        private void showDraining(boolean draining) {
            drain.setGraphic(Icons.icon(draining ? Feather.PLAY_CIRCLE : Feather.PAUSE_CIRCLE, 15));
            drain.setTooltip(Icons.tooltip(draining ? "Undrain: take new requests again"
                    : "Drain: no new requests, running ones finish"));
        }
    }

    private void confirmRemove(NodeRow row) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "The gateway stops routing to " + row.url() + ". The Ollama server itself keeps running.",
                ButtonType.CANCEL, ButtonType.OK);
        confirm.setHeaderText("Remove node " + row.name() + "?");
        confirm.setTitle("Remove node");
        confirm.initOwner(root.getScene().getWindow());
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.remove(row));
    }
}

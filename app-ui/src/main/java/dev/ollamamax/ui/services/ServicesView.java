package dev.ollamamax.ui.services;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.PolledScreen;
import dev.ollamamax.ui.common.ScreenHeader;
import dev.ollamamax.ui.common.UiExecutor;
import dev.ollamamax.ui.readymade.ReadyMadeMenu;
import java.time.Duration;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Builds the Services screen and wires its buttons to {@link ServicesViewModel} commands. */
public final class ServicesView extends PolledScreen {

    private final ServicesViewModel model;
    private final UiExecutor executor;

    public ServicesView(ServicesViewModel model, UiExecutor executor) {
        this(model, executor, Optional.empty());
    }

    /** With the "Add to stack" menu of ready-made tools beside "Restart all". */
    public ServicesView(ServicesViewModel model, UiExecutor executor, Optional<ReadyMadeMenu> readyMade) {
        super(executor, Duration.ofSeconds(1), model::refresh);
        this.model = model;
        this.executor = executor;
        build(readyMade);
    }

    @Override
    public String title() {
        return "Services";
    }

    @Override
    public Ikon icon() {
        return Feather.SERVER;
    }

    private void build(Optional<ReadyMadeMenu> readyMade) {
        Button restartAll = Icons.button("Restart all", Feather.REFRESH_CW,
                "Stop every service, then start them again: databases and caches before the gateway");
        restartAll.setId("restart-all");
        restartAll.getStyleClass().add("accent");
        restartAll.disableProperty().bind(model.restartingAllProperty());
        restartAll.setOnAction(e -> model.restartAll());
        Node[] actions = readyMade.map(m -> new Node[] {m.button(), restartAll}).orElse(new Node[] {restartAll});
        HBox header = ScreenHeader.of("Services",
                "Everything this panel runs: start, stop and restart each one, or all in dependency order.", actions);

        Label message = new Label();
        message.getStyleClass().addAll("banner", "banner-danger");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        Label stackProblem = new Label();
        stackProblem.setId("stack-problem");
        stackProblem.getStyleClass().addAll("banner", "banner-warning");
        stackProblem.setWrapText(true);
        stackProblem.setGraphic(Icons.icon(Feather.ALERT_TRIANGLE, 14));
        stackProblem.textProperty().bind(model.stackProblemProperty());
        stackProblem.visibleProperty().bind(model.stackProblemProperty().isNotEmpty());
        stackProblem.managedProperty().bind(stackProblem.visibleProperty());

        TableView<ServiceRow> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(header, message, stackProblem);
        readyMade.ifPresent(m -> root.getChildren().add(m.banners()));
        root.getChildren().add(table);
    }

    private TableView<ServiceRow> table() {
        TableView<ServiceRow> table = new TableView<>(model.rows());
        table.setId("services-table");
        table.getStyleClass().addAll("edge-to-edge", "striped");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No services registered yet: the gateway is starting."));

        TableColumn<ServiceRow, ServiceRow> name = new TableColumn<>("Service");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new NameCell());
        name.setPrefWidth(200);

        TableColumn<ServiceRow, ManagedService.State> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> c.getValue().stateProperty());
        state.setCellFactory(c -> new StateCell());
        state.setPrefWidth(130);

        TableColumn<ServiceRow, String> port = new TableColumn<>("Port");
        port.setCellValueFactory(c -> c.getValue().portProperty());
        port.setPrefWidth(80);
        port.setMinWidth(72);
        port.getStyleClass().add("mono-column");

        TableColumn<ServiceRow, ServiceRow> cpu = new TableColumn<>("CPU");
        cpu.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        cpu.setCellFactory(c -> new UsageCell(ServiceRow::cpuProperty, ServiceRow::cpuHistoryProperty, 100, "cpu"));
        cpu.setPrefWidth(140);
        cpu.getStyleClass().add("mono-column");
        cpu.setId("column-cpu");

        TableColumn<ServiceRow, ServiceRow> memory = new TableColumn<>("Memory");
        memory.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        memory.setCellFactory(c -> new UsageCell(ServiceRow::memoryProperty, ServiceRow::memoryHistoryProperty, 64 << 20, "memory"));
        memory.setPrefWidth(150);
        memory.getStyleClass().add("mono-column");
        memory.setId("column-memory");

        TableColumn<ServiceRow, String> detail = new TableColumn<>("Detail");
        detail.setCellValueFactory(c -> c.getValue().detailProperty());
        detail.setPrefWidth(300);
        detail.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : Icons.tooltip(text));
            }
        });

        TableColumn<ServiceRow, ServiceRow> actions = new TableColumn<>("");
        actions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        actions.setCellFactory(c -> new ActionsCell());
        actions.setPrefWidth(130);
        actions.setMinWidth(130);
        actions.setSortable(false);

        table.getColumns().setAll(java.util.List.of(name, state, port, cpu, memory, detail, actions));
        return table;
    }

    private static final class NameCell extends TableCell<ServiceRow, ServiceRow> {
        private final Label name = new Label();
        private final Label id = new Label();
        private final VBox box = new VBox(1, name, id);

        NameCell() {
            name.getStyleClass().add("cell-title");
            id.getStyleClass().addAll("cell-subtitle", "text-muted");
        }

        @Override
        protected void updateItem(ServiceRow row, boolean empty) {
            super.updateItem(row, empty);
            name.textProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            name.textProperty().bind(row.nameProperty());
            id.setText(row.id());
            setGraphic(box);
        }
    }

    private static final class StateCell extends TableCell<ServiceRow, ManagedService.State> {
        private final Chip chip = new Chip();

        @Override
        protected void updateItem(ManagedService.State state, boolean empty) {
            super.updateItem(state, empty);
            if (empty || state == null) {
                setGraphic(null);
                return;
            }
            chip.set(StateLabels.label(state), StateLabels.tone(state));
            setGraphic(chip);
        }
    }

    private final class ActionsCell extends TableCell<ServiceRow, ServiceRow> {
        private final Button start = Icons.iconButton(Feather.PLAY, "Start");
        private final Button stop = Icons.iconButton(Feather.SQUARE, "Stop");
        private final Button restart = Icons.iconButton(Feather.ROTATE_CW, "Restart");
        private final HBox box = new HBox(2, start, stop, restart);

        ActionsCell() {
            box.setAlignment(Pos.CENTER_RIGHT);
            start.getStyleClass().add("action-start");
            stop.getStyleClass().add("action-stop");
            restart.getStyleClass().add("action-restart");
            start.setOnAction(e -> model.start(getItem()));
            stop.setOnAction(e -> model.stop(getItem()));
            restart.setOnAction(e -> model.restart(getItem()));
        }

        @Override
        protected void updateItem(ServiceRow row, boolean empty) {
            super.updateItem(row, empty);
            box.disableProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            box.disableProperty().bind(row.busyProperty());
            start.disableProperty().bind(row.stateProperty().isEqualTo(ManagedService.State.RUNNING));
            stop.disableProperty().bind(row.stateProperty().isEqualTo(ManagedService.State.STOPPED));
            String key = row.id().replaceAll("[^A-Za-z0-9-]", "-");
            restart.setId("restart-" + key);
            start.setId("start-" + key);
            stop.setId("stop-" + key);
            setGraphic(box);
        }
    }
}

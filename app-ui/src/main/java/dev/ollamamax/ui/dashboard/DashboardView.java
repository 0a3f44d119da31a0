package dev.ollamamax.ui.dashboard;

import dev.ollamamax.shared.ports.ServiceState;
import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.PolledScreen;
import dev.ollamamax.ui.common.ScreenHeader;
import dev.ollamamax.ui.common.UiExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Builds the Dashboard: the services table, scanned every 2 s while visible. */
public final class DashboardView extends PolledScreen {

    private final DashboardViewModel model;
    private final UiExecutor executor;
    private final Consumer<String> openUrl;

    public DashboardView(DashboardViewModel model, UiExecutor executor, Consumer<String> openUrl) {
        super(executor, Duration.ofSeconds(2), model::refresh);
        this.model = model;
        this.executor = executor;
        this.openUrl = openUrl;
        build();
    }

    @Override
    public String title() {
        return "Dashboard";
    }

    @Override
    public Ikon icon() {
        return Feather.GRID;
    }

    private void build() {
        Label summary = new Label();
        summary.setId("dashboard-summary");
        summary.getStyleClass().add("text-muted");
        summary.textProperty().bind(model.summaryProperty());
        Button refresh = Icons.button("Refresh", Feather.REFRESH_CW, "Scan every port now (Ctrl+R)");
        refresh.setOnAction(e -> model.refresh());
        HBox header = ScreenHeader.of("Dashboard",
                "Every service of the stack, probed live: status, latency and the process that holds each port.",
                summary, refresh);

        Label message = new Label();
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        TableView<DashboardRow> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(header, message, table);
    }

    private TableView<DashboardRow> table() {
        TableView<DashboardRow> table = new TableView<>(model.rows());
        table.setId("dashboard-table");
        table.getStyleClass().addAll("edge-to-edge", "striped");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Scanning the stack…"));

        TableColumn<DashboardRow, DashboardRow> name = new TableColumn<>("Service");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new NameCell());
        name.setPrefWidth(250);

        TableColumn<DashboardRow, String> port = text("Port", 75, DashboardRow::portProperty);
        port.setMinWidth(70);
        port.getStyleClass().add("mono-column");
        TableColumn<DashboardRow, String> kind = text("Kind", 105, DashboardRow::kindProperty);
        kind.setMinWidth(95);

        TableColumn<DashboardRow, DashboardRow> state = new TableColumn<>("Status");
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        state.setCellFactory(c -> new StateCell());
        state.setPrefWidth(110);

        TableColumn<DashboardRow, String> latency = text("Latency", 80, DashboardRow::latencyProperty);
        TableColumn<DashboardRow, String> holder = text("Held by", 170, DashboardRow::holderProperty);
        TableColumn<DashboardRow, String> checked = text("Checked", 90, DashboardRow::checkedProperty);
        checked.setMinWidth(85);

        TableColumn<DashboardRow, DashboardRow> actions = new TableColumn<>("");
        actions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        actions.setCellFactory(c -> new ActionsCell());
        actions.setMinWidth(120);
        actions.setPrefWidth(120);
        actions.setSortable(false);

        table.getColumns().setAll(List.of(name, port, kind, state, latency, holder, checked, actions));
        return table;
    }

    private static TableColumn<DashboardRow, String> text(String title, double width,
            java.util.function.Function<DashboardRow, javafx.beans.value.ObservableValue<String>> value) {
        TableColumn<DashboardRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> value.apply(c.getValue()));
        column.setPrefWidth(width);
        return column;
    }

    private static final class NameCell extends TableCell<DashboardRow, DashboardRow> {
        private final Label name = new Label();
        private final Label origin = new Label();
        private final VBox box = new VBox(1, name, origin);

        NameCell() {
            name.getStyleClass().add("cell-title");
            origin.getStyleClass().add("cell-subtitle");
        }

        @Override
        protected void updateItem(DashboardRow row, boolean empty) {
            super.updateItem(row, empty);
            name.textProperty().unbind();
            origin.textProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            name.textProperty().bind(row.nameProperty());
            origin.textProperty().bind(row.originProperty());
            setGraphic(box);
        }
    }

    private static final class StateCell extends TableCell<DashboardRow, DashboardRow> {
        private final Chip chip = new Chip();
        private DashboardRow bound;
        private final javafx.beans.value.ChangeListener<Object> listener = (o, was, now) -> show();

        @Override
        protected void updateItem(DashboardRow row, boolean empty) {
            super.updateItem(row, empty);
            if (bound != null) {
                bound.stateProperty().removeListener(listener);
                bound.detailProperty().removeListener(listener);
            }
            bound = empty ? null : row;
            if (bound == null) {
                setGraphic(null);
                return;
            }
            bound.stateProperty().addListener(listener);
            bound.detailProperty().addListener(listener);
            show();
            setGraphic(chip);
        }

        private void show() {
            ServiceState s = bound.state();
            chip.set(s.name().toLowerCase(Locale.ROOT), switch (s) {
                case UP -> Chip.Tone.SUCCESS;
                case DOWN -> Chip.Tone.NEUTRAL;
                case STARTING -> Chip.Tone.WARNING;
                case CONFLICT -> Chip.Tone.DANGER;
            });
            chip.setTooltip(Icons.tooltip(bound.detailProperty().get()));
        }
    }

    private final class ActionsCell extends TableCell<DashboardRow, DashboardRow> {
        private final Button open = Icons.iconButton(Feather.EXTERNAL_LINK, "Open in the browser");
        private final Button copy = Icons.iconButton(Feather.COPY, "Copy the URL");
        private final Button restart = Icons.iconButton(Feather.ROTATE_CW, "Restart this service");
        private final HBox box = new HBox(2, open, copy, restart);

        ActionsCell() {
            box.setAlignment(Pos.CENTER_RIGHT);
            restart.getStyleClass().add("action-restart");
            open.setOnAction(e -> getItem().url().ifPresent(openUrl));
            copy.setOnAction(e -> getItem().url().ifPresent(url -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(url);
                Clipboard.getSystemClipboard().setContent(content);
            }));
            restart.setOnAction(e -> model.restart(getItem()));
        }

        @Override
        protected void updateItem(DashboardRow row, boolean empty) {
            super.updateItem(row, empty);
            open.disableProperty().unbind();
            copy.disableProperty().unbind();
            restart.disableProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            open.disableProperty().bind(row.webPageProperty().not());
            copy.disableProperty().bind(row.urlProperty().isEmpty());
            restart.disableProperty().bind(row.restartableProperty().not());
            String key = row.nameProperty().get().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            restart.setId("dashboard-restart-" + key);
            setGraphic(box);
        }
    }
}

package dev.ollamamax.ui.ports;

import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.PolledScreen;
import dev.ollamamax.ui.common.ScreenHeader;
import dev.ollamamax.ui.common.UiExecutor;
import java.io.File;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Builds the Ports screen: conflicts with their fixes on top, the port map by range below. */
public final class PortsView extends PolledScreen {

    private final PortsViewModel model;
    private final UiExecutor executor;
    private final VBox conflictBox = new VBox(10);
    private final FlowPane mapBox = new FlowPane(14, 14);
    /** The card of each shown conflict, so an unchanged conflict keeps its node across rescans. */
    private final Map<ConflictItem, Node> cards = new LinkedHashMap<>();

    public PortsView(PortsViewModel model, UiExecutor executor) {
        super(executor, Duration.ofSeconds(3), model::refresh);
        this.model = model;
        this.executor = executor;
        build();
        model.conflicts().addListener((ListChangeListener<ConflictItem>) c -> showConflicts());
        model.tiles().addListener((ListChangeListener<PortTile>) c -> showMap());
        showConflicts();
        showMap();
    }

    @Override
    public String title() {
        return "Ports";
    }

    @Override
    public Ikon icon() {
        return Feather.SHARE_2;
    }

    private void build() {
        Button choose = Icons.button("Project folder…", Feather.FOLDER,
                "Read a project's .env files and docker-compose.yml so its ports join the map");
        choose.setId("ports-choose-project");
        choose.setOnAction(e -> chooseProject());
        Button refresh = Icons.button("Refresh", Feather.REFRESH_CW, "Scan every port now (Ctrl+R)");
        refresh.setOnAction(e -> model.refresh());
        HBox header = ScreenHeader.of("Ports",
                "Configured ports and live listeners; every conflict comes with a fix to preview and apply.",
                choose, refresh);

        Label project = new Label();
        project.setGraphic(Icons.icon(Feather.FOLDER, 13));
        project.getStyleClass().add("text-muted");
        project.textProperty().bind(model.projectProperty());
        Label summary = new Label();
        summary.setId("ports-summary");
        summary.getStyleClass().add("text-muted");
        summary.textProperty().bind(model.summaryProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox info = new HBox(12, project, gap, summary);
        info.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("ports-message");
        message.setWrapText(true);
        message.getStyleClass().addAll("banner", "banner-info");
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        Label conflictsTitle = section("Conflicts");
        Label mapTitle = section("Port map");
        VBox body = new VBox(12, conflictsTitle, conflictBox, mapTitle, legend(), mapBox);
        body.getStyleClass().add("ports-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().addAll(header, info, message, scroll);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("section-title", "title-4");
        return l;
    }

    private void showConflicts() {
        if (model.conflicts().isEmpty()) {
            Label ok = new Label("No conflicts: every configured port is free or held by the service configured on it.");
            ok.setGraphic(Icons.icon(Feather.CHECK_CIRCLE, 16));
            ok.getStyleClass().addAll("banner", "banner-success");
            ok.setMaxWidth(Double.MAX_VALUE);
            cards.clear();
            conflictBox.getChildren().setAll(ok);
            return;
        }
        Map<ConflictItem, Node> reuse = new java.util.HashMap<>(cards);
        cards.clear();
        for (ConflictItem item : model.conflicts()) {
            cards.put(item, Optional.ofNullable(reuse.get(item)).orElseGet(() -> card(item)));
        }
        conflictBox.getChildren().setAll(cards.values());
    }

    private Node card(ConflictItem item) {
        var c = item.conflict();
        Label port = new Label(String.valueOf(c.port()));
        port.getStyleClass().addAll("conflict-port", "mono");
        Label kind = new Label(switch (c.kind()) {
            case SHARED_PORT -> "Shared port";
            case FOREIGN_HOLDER -> "Held by another process";
            case OLLAMA_ALREADY_RUNNING -> "Ollama already running";
        });
        kind.getStyleClass().add("conflict-kind");
        Label text = new Label(c.message());
        text.setWrapText(true);
        text.getStyleClass().add("conflict-message");

        Label fixTitle = new Label("Suggested fix");
        fixTitle.getStyleClass().add("fix-title");
        Label preview = new Label(item.movePreview());
        preview.setWrapText(true);
        preview.getStyleClass().addAll("fix-preview", "mono");
        preview.setId("fix-preview-" + c.port());

        Button move = Icons.button("Move to free port", Feather.ARROW_RIGHT_CIRCLE,
                "Apply the change shown above, then restart what uses it");
        move.setId("fix-move-" + c.port());
        move.getStyleClass().add("accent");
        if (item.canMove()) {
            move.disableProperty().bind(model.busyProperty());
        } else {
            move.setDisable(true);
        }
        move.setOnAction(e -> model.applyMove(item));
        HBox actions = new HBox(8, move);
        if (c.holder().isPresent()) {
            Button stop = Icons.button("Stop holder", Feather.X_OCTAGON, item.stopBlocked()
                    .map(why -> "Not offered: " + why).orElse("Ask " + c.holder().get().describe() + " to exit"));
            stop.setId("fix-stop-" + c.port());
            stop.getStyleClass().add("danger");
            stop.setDisable(!item.canStopHolder());
            stop.setOnAction(e -> confirmStop(item));
            actions.getChildren().add(stop);
            item.stopBlocked().ifPresent(why -> {
                Label note = new Label("Stop not offered: " + why);
                note.getStyleClass().addAll("text-muted", "text-small");
                actions.getChildren().add(note);
            });
        }
        if (item.fix().adoptAsNode().isPresent()) {
            Button adopt = Icons.button("Adopt as node", Feather.PLUS_CIRCLE,
                    "Use the running Ollama (" + item.fix().adoptAsNode().get() + ") as a node instead of stopping it");
            adopt.setDisable(!item.canAdopt());
            adopt.setOnAction(e -> model.adopt(item));
            actions.getChildren().add(adopt);
        }
        actions.setAlignment(Pos.CENTER_LEFT);

        HBox top = new HBox(10, Icons.icon(Feather.ALERT_TRIANGLE, 18), port, kind);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(8, top, text, fixTitle, preview, actions);
        card.getStyleClass().add("conflict-card");
        card.setId("conflict-" + c.port());
        return card;
    }

    private void confirmStop(ConflictItem item) {
        var holder = item.conflict().holder().orElseThrow();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Stop " + holder.describe() + "? It is asked to exit, like closing it normally; unsaved work in it may be lost.",
                ButtonType.CANCEL, ButtonType.OK);
        confirm.setHeaderText("Stop the process holding port " + item.conflict().port() + "?");
        confirm.setTitle("OllamaMax");
        confirm.initOwner(root.getScene().getWindow());
        Optional<ButtonType> answer = confirm.showAndWait();
        if (answer.filter(b -> b == ButtonType.OK).isPresent()) {
            model.stopHolder(item);
        }
    }

    private void chooseProject() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a project folder to scan");
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            model.chooseProject(dir.toPath());
        }
    }

    private HBox legend() {
        HBox box = new HBox(14);
        for (PortTile.Kind k : PortTile.Kind.values()) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("legend-swatch", "tile-" + k.name().toLowerCase(java.util.Locale.ROOT));
            Label l = new Label(switch (k) {
                case UP -> "configured, answering";
                case DOWN -> "configured, not running";
                case CONFLICT -> "conflict";
                case LISTENER -> "other program listening";
            }, swatch);
            l.getStyleClass().addAll("text-muted", "text-small");
            box.getChildren().add(l);
        }
        return box;
    }

    private void showMap() {
        Map<String, List<PortTile>> byRange = new LinkedHashMap<>();
        model.tiles().stream().sorted(java.util.Comparator.comparingInt(PortTile::port))
                .forEach(t -> byRange.computeIfAbsent(t.range(), r -> new java.util.ArrayList<>()).add(t));
        mapBox.getChildren().setAll(byRange.entrySet().stream().map(e -> rangeRow(e.getKey(), e.getValue())).toList());
    }

    private Node rangeRow(String range, List<PortTile> tiles) {
        Label label = new Label(range);
        label.getStyleClass().addAll("range-label", "mono");
        HBox flow = new HBox(8);
        flow.getChildren().setAll(tiles.stream().map(PortsView::tile).toList());
        VBox group = new VBox(6, label, flow);
        group.getStyleClass().add("range-group");
        return group;
    }

    private static Node tile(PortTile t) {
        Label port = new Label(String.valueOf(t.port()));
        port.getStyleClass().addAll("tile-port", "mono");
        Label names = new Label(t.services().isEmpty() ? "not configured" : String.join(" + ", t.services()));
        names.getStyleClass().add("tile-services");
        Label holder = new Label(t.holder().orElse("nothing listening"));
        holder.getStyleClass().add("tile-holder");
        VBox box = new VBox(2, port, names, holder);
        box.getStyleClass().addAll("port-tile", "tile-" + t.kind().name().toLowerCase(java.util.Locale.ROOT));
        box.setId("tile-" + t.port());
        box.setPrefWidth(170);
        box.setMinWidth(150);
        return box;
    }
}

package dev.ollamamax.ui.app;

import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.GatewayStatus;
import dev.ollamamax.ui.common.Icons;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

/** Builds the status bar at the bottom of the window from a {@link StatusBarViewModel}. */
final class StatusBar {

    private StatusBar() {
    }

    static HBox build(StatusBarViewModel model) {
        Chip gateway = new Chip();
        gateway.setId("status-gateway");
        model.phaseProperty().addListener((o, was, now) -> tone(gateway, model));
        model.gatewayTextProperty().addListener((o, was, now) -> tone(gateway, model));
        tone(gateway, model);
        gateway.setTooltip(Icons.tooltip("The embedded gateway's three listeners"));

        ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        progress.setId("status-progress");
        progress.setPrefWidth(120);
        progress.getStyleClass().add("small");
        progress.visibleProperty().bind(model.phaseProperty().isEqualTo(GatewayStatus.Phase.STARTING));
        progress.managedProperty().bind(progress.visibleProperty());

        Label detail = new Label();
        detail.getStyleClass().addAll("status-label", "status-detail");
        detail.textProperty().bind(model.gatewayDetailProperty());
        detail.setMinWidth(0);
        HBox.setHgrow(detail, Priority.SOMETIMES);
        detail.setTooltip(Icons.tooltip(""));
        detail.getTooltip().textProperty().bind(model.gatewayDetailProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Label nodes = new Label();
        nodes.setId("status-nodes");
        nodes.getStyleClass().add("status-label");
        nodes.setGraphic(Icons.icon(Feather.CPU, 13));
        nodes.textProperty().bind(model.nodesTextProperty());
        nodes.setTooltip(Icons.tooltip("Healthy Ollama nodes / configured nodes"));

        Label streams = new Label();
        streams.setId("status-streams");
        streams.getStyleClass().add("status-label");
        streams.setGraphic(Icons.icon(Feather.ACTIVITY, 13));
        streams.textProperty().bind(model.streamsTextProperty());
        streams.setTooltip(Icons.tooltip("Generations streaming right now (ollamamax.streams.in_flight)"));

        HBox bar = new HBox(10, gateway, progress, detail, spacer, nodes, separator(), streams);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }

    private static void tone(Chip chip, StatusBarViewModel model) {
        chip.set(model.gatewayTextProperty().get(), switch (model.phaseProperty().get()) {
            case UP -> Chip.Tone.SUCCESS;
            case PARTIAL, STARTING -> Chip.Tone.WARNING;
            case DOWN -> Chip.Tone.DANGER;
            case STOPPED -> Chip.Tone.NEUTRAL;
        });
    }
}

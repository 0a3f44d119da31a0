package dev.ollamamax.ui.app;

import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.GatewayStatus;
import dev.ollamamax.ui.common.Icons;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.feather.Feather;

/**
 * Builds the status bar at the bottom of the window from a {@link StatusBarViewModel}: a ControlsFX
 * {@link StatusBar} with the gateway chip on the left, the gateway's detail as its text, its progress
 * (indeterminate while the gateway starts), and the healthy nodes and streams in flight on the right.
 */
final class StatusBars {

    private StatusBars() {
    }

    static StatusBar build(StatusBarViewModel model) {
        Chip gateway = new Chip();
        gateway.setId("status-gateway");
        model.phaseProperty().addListener((o, was, now) -> tone(gateway, model));
        model.gatewayTextProperty().addListener((o, was, now) -> tone(gateway, model));
        tone(gateway, model);
        gateway.setTooltip(Icons.tooltip("The embedded gateway's three listeners"));

        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        bar.textProperty().bind(model.gatewayDetailProperty());
        bar.progressProperty().bind(javafx.beans.binding.Bindings.when(
                model.phaseProperty().isEqualTo(GatewayStatus.Phase.STARTING)).then(-1.0).otherwise(0.0));

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

        bar.getLeftItems().setAll(gateway, separator());
        bar.getRightItems().setAll(nodes, separator(), streams);
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

package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.Icons;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Chat screen's header: the conversation's title, the endpoint chip (green while connected), the model
 * picker, Think, and the toggle of the settings pane.
 */
final class ChatHeader {

    private final ChatViewModel model;
    private final ToggleButton settingsToggle = new ToggleButton(null, Icons.icon(Feather.SLIDERS, 15));
    private final HBox node;

    ChatHeader(ChatViewModel model) {
        this.model = model;
        this.node = build();
    }

    HBox node() {
        return node;
    }

    /** Shows and hides the settings pane. */
    ToggleButton settingsToggle() {
        return settingsToggle;
    }

    private HBox build() {
        Label title = new Label();
        title.getStyleClass().addAll("screen-title", "title-3", "chat-title");
        title.textProperty().bind(model.titleProperty());
        title.setMinWidth(0);
        title.setPrefWidth(120);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        Chip endpoint = new Chip();
        endpoint.setId("chat-endpoint");
        model.endpointProperty().addListener((o, was, now) -> showEndpoint(endpoint));
        model.statusProperty().addListener((o, was, now) -> showEndpoint(endpoint));
        showEndpoint(endpoint);
        endpoint.setMinWidth(Region.USE_PREF_SIZE);
        endpoint.setTooltip(Icons.tooltip("The gateway listener this chat is connected to (13100 → 13101 → 13102)"));
        ComboBox<ModelChoice> picker = new ModelPicker(model).node();
        ToggleButton think = new ToggleButton("Think", Icons.icon(Feather.ZAP, 14));
        think.setId("chat-think");
        think.setMinWidth(Region.USE_PREF_SIZE);
        think.setTooltip(Icons.tooltip("Reasoning models think first; their thinking shows apart from the answer (this chat)"));
        think.setSelected(model.settingsProperty().get().options().think());
        model.settingsProperty().addListener((o, was, now) -> think.setSelected(now.options().think()));
        think.setOnAction(e -> model.setThink(think.isSelected()));
        settingsToggle.setId("chat-settings-toggle");
        settingsToggle.setMinWidth(Region.USE_PREF_SIZE);
        settingsToggle.getStyleClass().add("button-icon");
        settingsToggle.setTooltip(Icons.tooltip("System prompt, temperature, context, sampling, stop sequences and presets of this conversation"));
        HBox header = new HBox(10, title, endpoint, picker, think, settingsToggle);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("chat-header");
        return header;
    }

    private void showEndpoint(Chip chip) {
        String text = model.endpointProperty().get();
        switch (model.statusProperty().get()) {
            case CONNECTED -> chip.set(text, Chip.Tone.SUCCESS);
            case CONNECTING, RECONNECTING -> chip.set(text, Chip.Tone.WARNING);
            case OFFLINE -> chip.set(text, Chip.Tone.NEUTRAL);
        }
    }
}

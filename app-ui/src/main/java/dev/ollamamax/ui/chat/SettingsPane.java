package dev.ollamamax.ui.chat;

import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The right pane of the Chat screen: presets, system prompt, temperature, max tokens and the finer options of the conversation. */
final class SettingsPane {

    private final ChatViewModel model;
    private final VBox root = new VBox(10);
    private final TextArea system = new TextArea();
    private final CheckBox customTemperature = new CheckBox("Temperature");
    private final Slider temperature = new Slider(0, 2, 0.8);
    private final Label temperatureValue = new Label();
    private final CheckBox limitTokens = new CheckBox("Max tokens");
    private final Spinner<Integer> maxTokens = new Spinner<>(1, 131_072, 1024, 64);
    private final OptionsSection options;
    private boolean updating;

    SettingsPane(ChatViewModel model) {
        this.model = model;
        this.options = new OptionsSection(model);
        build();
        model.settingsProperty().addListener((o, was, now) -> show(now));
        show(model.settingsProperty().get());
    }

    VBox node() {
        return root;
    }

    private void build() {
        root.getStyleClass().add("chat-settings");
        root.setId("chat-settings");
        root.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        root.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label title = new Label("Settings");
        title.getStyleClass().addAll("section-title", "title-4");
        Label systemLabel = new Label("System prompt");
        systemLabel.getStyleClass().add("text-small");
        system.setId("chat-system");
        system.setWrapText(true);
        system.setPrefRowCount(6);
        system.setPromptText("e.g. You are a concise assistant. Answer in Markdown.");
        system.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                apply();
            }
        });
        temperature.setId("chat-temperature");
        temperature.setMajorTickUnit(0.5);
        temperature.setBlockIncrement(0.1);
        temperature.disableProperty().bind(customTemperature.selectedProperty().not());
        temperature.valueProperty().addListener((o, was, now) -> {
            temperatureValue.setText(String.format(java.util.Locale.ROOT, "%.1f", now.doubleValue()));
            if (!temperature.isValueChanging()) {
                apply();
            }
        });
        temperature.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) {
                apply();
            }
        });
        customTemperature.selectedProperty().addListener((o, was, now) -> apply());
        HBox tempRow = new HBox(8, temperature, temperatureValue);
        tempRow.setAlignment(Pos.CENTER_LEFT);
        maxTokens.setId("chat-max-tokens");
        maxTokens.setEditable(true);
        maxTokens.disableProperty().bind(limitTokens.selectedProperty().not());
        maxTokens.valueProperty().addListener((o, was, now) -> apply());
        limitTokens.selectedProperty().addListener((o, was, now) -> apply());
        Label hint = new Label("Kept per conversation. Unchecked values use the node's defaults.");
        hint.getStyleClass().addAll("text-muted", "text-small");
        hint.setWrapText(true);
        Button reset = new Button("Reset to defaults");
        reset.getStyleClass().add("small");
        reset.setOnAction(e -> model.setSettings(new ChatSettings(model.settingsProperty().get().model(), "",
                Optional.empty(), Optional.empty())));
        VBox content = new VBox(10, new PresetsSection(model.presets()).node(), systemLabel, system, customTemperature, tempRow,
                limitTokens, maxTokens, options.node(), hint, reset);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("chat-settings-scroll");
        dev.ollamamax.ui.common.FocusScroll.follow(scroll);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        root.getChildren().addAll(title, scroll);
    }

    private void show(ChatSettings s) {
        updating = true;
        try {
            if (!system.isFocused()) {
                system.setText(s.system());
            }
            customTemperature.setSelected(s.temperature().isPresent());
            temperature.setValue(s.temperature().orElse(0.8));
            temperatureValue.setText(String.format(java.util.Locale.ROOT, "%.1f", temperature.getValue()));
            limitTokens.setSelected(s.maxTokens().isPresent());
            s.maxTokens().ifPresent(m -> maxTokens.getValueFactory().setValue(m));
            options.show(s.options());
        } finally {
            updating = false;
        }
    }

    private void apply() {
        if (updating) {
            return;
        }
        ChatSettings now = model.settingsProperty().get();
        ChatSettings next = now.withSystem(system.getText())
                .withTemperature(customTemperature.isSelected()
                        ? Optional.of(Math.round(temperature.getValue() * 10) / 10.0) : Optional.empty())
                .withMaxTokens(limitTokens.isSelected() ? Optional.ofNullable(maxTokens.getValue()) : Optional.empty());
        if (!next.equals(now)) {
            model.setSettings(next);
        }
    }
}

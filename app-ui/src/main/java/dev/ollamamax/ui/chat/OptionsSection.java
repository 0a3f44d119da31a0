package dev.ollamamax.ui.chat;

import java.util.Optional;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * The finer options in the chat's settings pane: context window, top_p, seed and stop sequences. Each checkbox
 * sends its value; unchecked means the node's default. Changes go to the conversation at once.
 */
final class OptionsSection {

    private final ChatViewModel model;
    private final CheckBox customContext = new CheckBox("Context window (num_ctx)");
    private final Spinner<Integer> numCtx = new Spinner<>(256, 2_097_152, 8192, 1024);
    private final CheckBox customTopP = new CheckBox("top_p");
    private final Spinner<Double> topP = new Spinner<>(0.0, 1.0, 0.9, 0.05);
    private final CheckBox fixedSeed = new CheckBox("Seed (repeatable answers)");
    private final Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, 42, 1);
    private final TextField stop = new TextField();
    private final VBox root;
    private boolean updating;

    OptionsSection(ChatViewModel model) {
        this.model = model;
        numCtx.setId("chat-num-ctx");
        topP.setId("chat-top-p");
        seed.setId("chat-seed");
        stop.setId("chat-stop-sequences");
        customContext.setId("chat-num-ctx-on");
        customTopP.setId("chat-top-p-on");
        fixedSeed.setId("chat-seed-on");
        for (Spinner<?> s : new Spinner<?>[] {numCtx, topP, seed}) {
            s.setEditable(true);
            s.valueProperty().addListener((o, was, now) -> apply());
        }
        numCtx.disableProperty().bind(customContext.selectedProperty().not());
        topP.disableProperty().bind(customTopP.selectedProperty().not());
        seed.disableProperty().bind(fixedSeed.selectedProperty().not());
        for (CheckBox c : new CheckBox[] {customContext, customTopP, fixedSeed}) {
            c.selectedProperty().addListener((o, was, now) -> apply());
        }
        stop.setPromptText("e.g. User:, \\n\\n");
        stop.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                apply();
            }
        });
        stop.setOnAction(e -> apply());
        Label stopLabel = new Label("Stop sequences (comma-separated; \\n is a new line)");
        stopLabel.getStyleClass().add("text-small");
        stopLabel.setWrapText(true);
        root = new VBox(8, customContext, numCtx, customTopP, topP, fixedSeed, seed, stopLabel, stop);
    }

    VBox node() {
        return root;
    }

    void show(ChatOptions o) {
        updating = true;
        try {
            customContext.setSelected(o.numCtx().isPresent());
            o.numCtx().ifPresent(n -> numCtx.getValueFactory().setValue(n));
            customTopP.setSelected(o.topP().isPresent());
            o.topP().ifPresent(p -> topP.getValueFactory().setValue(p));
            fixedSeed.setSelected(o.seed().isPresent());
            o.seed().ifPresent(s -> seed.getValueFactory().setValue((int) Math.max(0, Math.min(Integer.MAX_VALUE, s))));
            if (!stop.isFocused()) {
                stop.setText(o.stopText());
            }
        } finally {
            updating = false;
        }
    }

    private void apply() {
        if (updating) {
            return;
        }
        ChatSettings now = model.settingsProperty().get();
        try {
            ChatOptions next = now.options()
                    .withNumCtx(customContext.isSelected() ? Optional.ofNullable(numCtx.getValue()) : Optional.empty())
                    .withTopP(customTopP.isSelected() ? Optional.ofNullable(topP.getValue()).map(p -> Math.round(p * 100) / 100.0)
                            : Optional.empty())
                    .withSeed(fixedSeed.isSelected() ? Optional.ofNullable(seed.getValue()).map(Integer::longValue) : Optional.empty())
                    .withStop(ChatOptions.parseStop(stop.getText()));
            if (!next.equals(now.options())) {
                model.setSettings(now.withOptions(next));
            }
        } catch (IllegalArgumentException e) {
            model.say(e.getMessage());
        }
    }
}

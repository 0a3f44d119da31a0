package dev.ollamamax.ui.nodes;

import dev.ollamamax.ui.common.Icons;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** One pull: title, overall bar, a bar per layer, the status line, Cancel (or Dismiss once it ended). */
final class PullCard {

    private final PullJob job;
    private final VBox root = new VBox(6);
    private final VBox layerBox = new VBox(3);

    PullCard(PullJob job, ModelsViewModel model) {
        this.job = job;
        root.getStyleClass().add("pull-card");
        root.setPrefWidth(420);
        root.setId("pull-" + job.model().replaceAll("[^A-Za-z0-9-]", "-"));
        Label title = new Label(job.model());
        title.getStyleClass().add("cell-title");
        Label where = new Label("→ " + job.node());
        where.getStyleClass().addAll("text-muted", "text-small");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button cancel = Icons.iconButton(Feather.X_CIRCLE, "Cancel the pull (closes its stream)");
        cancel.getStyleClass().add("pull-cancel");
        cancel.setOnAction(e -> {
            if (job.state() == PullJob.State.RUNNING) {
                job.cancel();
            } else {
                model.dismiss(job);
            }
        });
        boolean create = job.kind() == PullJob.Kind.CREATE;
        cancel.setTooltip(Icons.tooltip(create ? "Cancel the create (closes its stream)" : "Cancel the pull (closes its stream)"));
        HBox head = new HBox(6, Icons.icon(create ? Feather.PLUS_SQUARE : Feather.DOWNLOAD_CLOUD, 15), title, where, gap, cancel);
        head.setAlignment(Pos.CENTER_LEFT);

        ProgressBar overall = new ProgressBar();
        overall.getStyleClass().add("pull-overall");
        overall.setMaxWidth(Double.MAX_VALUE);
        overall.progressProperty().bind(job.overallProperty());
        Label percent = new Label();
        percent.getStyleClass().add("pull-percent");
        percent.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> job.overall() < 0 ? ""
                : Math.round(job.overall() * 100) + " %", job.overallProperty()));
        HBox bar = new HBox(8, overall, percent);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(overall, Priority.ALWAYS);

        Label status = new Label();
        status.getStyleClass().addAll("text-muted", "text-small", "pull-status");
        status.setWrapText(true);
        status.textProperty().bind(javafx.beans.binding.Bindings.concat(job.statusProperty(),
                javafx.beans.binding.Bindings.when(job.bytesProperty().isEmpty()).then("")
                        .otherwise(javafx.beans.binding.Bindings.concat("  ·  ", job.bytesProperty()))));
        job.layers().addListener((ListChangeListener<PullProgress.Layer>) c -> showLayers());
        job.stateProperty().addListener((o, was, now) -> showState(now, cancel));
        showLayers();
        showState(job.state(), cancel);
        root.getChildren().addAll(head, bar, layerBox);
        if (create) {
            root.getChildren().add(steps());
            // the steps already end with the status; only a failure or a cancel adds words of its own
            status.visibleProperty().bind(job.stateProperty().isEqualTo(PullJob.State.FAILED)
                    .or(job.stateProperty().isEqualTo(PullJob.State.CANCELLED)));
            status.managedProperty().bind(status.visibleProperty());
        }
        root.getChildren().add(status);
    }

    private final java.util.List<ProgressBar> bars = new java.util.ArrayList<>();

    /** Updates the bars in place while the layers stay the same; rebuilds them when a layer appears. */
    private void showLayers() {
        java.util.List<PullProgress.Layer> layers = job.layers();
        if (bars.size() == layers.size()) {
            for (int i = 0; i < layers.size(); i++) {
                bars.get(i).setProgress(layers.get(i).fraction());
            }
            return;
        }
        bars.clear();
        layerBox.getChildren().setAll(layers.stream().map(l -> {
            Label digest = new Label(l.shortDigest());
            digest.getStyleClass().addAll("mono", "text-small");
            digest.setMinWidth(100);
            ProgressBar p = new ProgressBar(l.fraction());
            p.getStyleClass().addAll("small", "pull-layer");
            p.setMaxWidth(Double.MAX_VALUE);
            bars.add(p);
            Label size = new Label(Sizes.human(l.total()));
            size.getStyleClass().addAll("text-muted", "text-small");
            size.setMinWidth(64);
            size.setAlignment(Pos.CENTER_RIGHT);
            HBox row = new HBox(8, digest, p, size);
            row.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(p, Priority.ALWAYS);
            return (Node) row;
        }).toList());
    }

    private void showState(PullJob.State state, Button cancel) {
        root.getStyleClass().removeIf(c -> c.startsWith("pull-state-"));
        root.getStyleClass().add("pull-state-" + state.name().toLowerCase(java.util.Locale.ROOT));
        if (state != PullJob.State.RUNNING) {
            cancel.setGraphic(Icons.icon(Feather.X, 15));
            cancel.setTooltip(Icons.tooltip("Dismiss"));
        }
    }

    /** A create's steps so far, one per line (the last few). */
    private Label steps() {
        Label steps = new Label();
        steps.getStyleClass().addAll("mono", "text-small", "create-steps");
        steps.setWrapText(true);
        steps.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> String.join("\n",
                job.steps().subList(Math.max(0, job.steps().size() - 6), job.steps().size())), job.steps()));
        return steps;
    }

    Node node() {
        return root;
    }
}

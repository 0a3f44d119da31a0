package dev.ollamamax.ui.access;

import dev.ollamamax.ui.common.Icons;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Usage over the last days: totals, then tokens per day stacked by model and by key. */
final class UsagePane {

    private final VBox root = new VBox(8);
    private final Label requests = value("usage-requests");
    private final Label prompt = value("usage-prompt");
    private final Label completion = value("usage-completion");
    private final StackedBarChart<String, Number> byModel = chart("Tokens per day by model");
    private final StackedBarChart<String, Number> byKey = chart("Tokens per day by key");
    private final Label empty = new Label("No usage in the last " + AccessViewModel.DAYS + " days — requests made with"
            + " your keys (or by the desktop's chat) appear here within a few seconds, with their token counts.");

    UsagePane(AccessViewModel model) {
        Label title = new Label("Usage — last " + AccessViewModel.DAYS + " days");
        title.getStyleClass().addAll("section-title", "title-4");
        HBox stats = new HBox(10, stat("Requests", requests, Feather.ACTIVITY),
                stat("Prompt tokens", prompt, Feather.ARROW_UP_RIGHT),
                stat("Completion tokens", completion, Feather.ARROW_DOWN_LEFT));
        empty.setId("usage-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("text-muted");
        HBox charts = new HBox(10, byModel, byKey);
        HBox.setHgrow(byModel, Priority.ALWAYS);
        HBox.setHgrow(byKey, Priority.ALWAYS);
        charts.visibleProperty().bind(empty.visibleProperty().not());
        charts.managedProperty().bind(charts.visibleProperty());
        empty.managedProperty().bind(empty.visibleProperty());
        root.getChildren().addAll(title, stats, empty, charts);
        model.usageProperty().addListener((o, was, now) -> show(now));
        show(model.usageProperty().get());
    }

    Node node() {
        return root;
    }

    private void show(UsageSummary usage) {
        requests.setText(String.format("%,d", usage.requests()));
        prompt.setText(String.format("%,d", usage.promptTokens()));
        completion.setText(String.format("%,d", usage.completionTokens()));
        empty.setVisible(usage.isEmpty());
        fill(byModel, usage, usage.byModel());
        fill(byKey, usage, usage.byKey());
    }

    private static void fill(StackedBarChart<String, Number> chart, UsageSummary usage, Map<String, Map<String, Long>> series) {
        ((CategoryAxis) chart.getXAxis()).getCategories().setAll(usage.days().stream().map(UsagePane::label).toList());
        chart.getXAxis().setLabel(usage.days().isEmpty() ? "" : "day of month (UTC), " + usage.days().getFirst() + " to " + usage.days().getLast());
        chart.getData().clear();
        series.forEach((name, perDay) -> {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(name);
            for (String day : usage.days()) {
                s.getData().add(new XYChart.Data<>(label(day), perDay.getOrDefault(day, 0L)));
            }
            chart.getData().add(s);
        });
    }

    private static StackedBarChart<String, Number> chart(String title) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("tokens");
        StackedBarChart<String, Number> c = new StackedBarChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setLegendVisible(true);
        c.setCategoryGap(6);
        c.setPrefHeight(262);
        x.setTickLabelRotation(0);
        c.setMinWidth(200);
        c.getStyleClass().add("metrics-chart");
        return c;
    }

    private static String label(String day) {
        return String.valueOf(Integer.parseInt(day.substring(8)));
    }

    private static Label value(String id) {
        Label v = new Label("0");
        v.setId(id);
        v.getStyleClass().add("stat-value");
        return v;
    }

    private static Node stat(String title, Label value, Ikon icon) {
        Label t = new Label(title);
        t.getStyleClass().addAll("text-muted", "text-small");
        t.setGraphic(Icons.icon(icon, 13));
        VBox box = new VBox(4, t, value);
        box.getStyleClass().add("stat-card");
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }
}

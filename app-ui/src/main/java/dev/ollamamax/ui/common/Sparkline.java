package dev.ollamamax.ui.common;

import java.util.List;
import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

/**
 * A small line of recent values (CPU or memory in a table cell): scaled from zero to the largest value shown, or
 * to {@code floor} when everything is below it, so an idle process reads as a flat line rather than as noise.
 * Styled by {@code .sparkline} and {@code .sparkline-line}.
 */
public final class Sparkline extends Region {

    private final Polyline line = new Polyline();
    private final double floor;
    private List<Double> values = List.of();

    public Sparkline(double width, double height, double floor) {
        this.floor = floor;
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        line.setManaged(false);
        getChildren().add(line);
        setMinSize(width, height);
        setPrefSize(width, height);
        setMaxSize(width, height);
    }

    public void setValues(List<Double> values) {
        this.values = List.copyOf(values);
        requestLayout();
    }

    /** The points drawn, x then y, in this region's coordinates (for tests). */
    public List<Double> points() {
        return List.copyOf(line.getPoints());
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        line.getPoints().clear();
        if (values.size() < 2 || w <= 0 || h <= 0) {
            return;
        }
        double max = Math.max(floor, values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        double step = w / (values.size() - 1);
        Double[] points = new Double[values.size() * 2];
        for (int i = 0; i < values.size(); i++) {
            points[2 * i] = i * step;
            points[2 * i + 1] = h - 1 - (h - 2) * Math.clamp(values.get(i) / max, 0.0, 1.0);
        }
        line.getPoints().setAll(points);
    }
}

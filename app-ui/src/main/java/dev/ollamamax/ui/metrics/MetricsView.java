package dev.ollamamax.ui.metrics;

import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.Screen;
import dev.ollamamax.ui.common.ScreenHeader;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * Builds the Metrics screen: four live line charts over the last 15 minutes. Series are appended to in place
 * (one point a second, at most 900 each), with animation and symbols off, so a chart never stalls the UI.
 */
public final class MetricsView implements Screen {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int WINDOW = MetricsHistory.FIFTEEN_MINUTES;

    private final MetricsViewModel model;
    private final VBox root = new VBox();
    private final List<NumberAxis> timeAxes = new java.util.ArrayList<>();
    private final XYChart.Series<Number, Number> requests = series("requests/s");
    private final XYChart.Series<Number, Number> errors = series("5xx/s");
    private final XYChart.Series<Number, Number> p50 = series("p50");
    private final XYChart.Series<Number, Number> p99 = series("p99");
    private final XYChart.Series<Number, Number> tokens = series("tokens/s");
    private final LineChart<Number, Number> inFlightChart;
    private final Map<String, XYChart.Series<Number, Number>> inFlight = new HashMap<>();
    private boolean visible;
    private boolean showSeconds = true;

    public MetricsView(MetricsViewModel model) {
        this.model = model;
        this.inFlightChart = chart("In-flight requests per node", "requests");
        build();
        model.onSample(s -> {
            if (visible) {
                append(s);
            }
        });
    }

    @Override
    public String title() {
        return "Metrics";
    }

    @Override
    public Ikon icon() {
        return Feather.BAR_CHART_2;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        visible = true;
        redraw();
    }

    @Override
    public void hidden() {
        visible = false;
    }

    @Override
    public void refresh() {
        redraw();
    }

    private void build() {
        root.getStyleClass().addAll("screen", "metrics-screen");
        HBox header = ScreenHeader.of("Metrics",
                "Measured by the gateway itself, sampled every second from its meters; the last 15 minutes.");
        HBox stats = new HBox(12, stat("Requests", model.requestsProperty(), Feather.ACTIVITY),
                stat("Latency p50 / p99", model.latencyProperty(), Feather.CLOCK),
                stat("Tokens generated", model.tokensProperty(), Feather.ZAP),
                stat("Errors (5xx)", model.errorsProperty(), Feather.ALERT_TRIANGLE));
        LineChart<Number, Number> traffic = chart("Requests per second", "per second");
        traffic.getData().setAll(List.of(requests, errors));
        LineChart<Number, Number> latency = chart("Latency of finished requests", "ms");
        latency.getData().setAll(List.of(p50, p99));
        LineChart<Number, Number> tokenChart = chart("Tokens generated per second", "tokens/s");
        tokenChart.getData().setAll(List.of(tokens));
        traffic.setId("chart-requests");
        latency.setId("chart-latency");
        tokenChart.setId("chart-tokens");
        inFlightChart.setId("chart-in-flight");
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(14);
        grid.add(traffic, 0, 0);
        grid.add(latency, 1, 0);
        grid.add(tokenChart, 0, 1);
        grid.add(inFlightChart, 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            grid.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            grid.getRowConstraints().add(r);
        }
        VBox.setVgrow(grid, Priority.ALWAYS);
        root.getChildren().addAll(header, stats, grid);
    }

    private static Node stat(String title, ReadOnlyStringProperty value, Ikon icon) {
        Label t = new Label(title);
        t.getStyleClass().addAll("text-muted", "text-small");
        t.setGraphic(Icons.icon(icon, 13));
        Label v = new Label();
        v.getStyleClass().add("stat-value");
        v.textProperty().bind(value);
        VBox box = new VBox(4, t, v);
        box.getStyleClass().add("stat-card");
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private LineChart<Number, Number> chart(String title, String unit) {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setTickUnit(180);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return LocalTime.ofInstant(Instant.ofEpochSecond(n.longValue()), ZoneId.systemDefault())
                        .format(showSeconds ? CLOCK_SECONDS : CLOCK);
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        timeAxes.add(x);
        NumberAxis y = new NumberAxis();
        y.setLabel(unit);
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.getStyleClass().add("metrics-chart");
        c.setMinHeight(150);
        return c;
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    /** Rebuilds every series from the history (when the screen is shown). */
    private void redraw() {
        List<MetricsSample> all = model.history().all();
        for (XYChart.Series<Number, Number> s : List.of(requests, errors, p50, p99, tokens)) {
            s.getData().clear();
        }
        inFlight.values().forEach(s -> s.getData().clear());
        all.forEach(this::addPoints);
        moveWindow(all.isEmpty() ? Instant.now().getEpochSecond() : all.getLast().at().getEpochSecond());
    }

    private void append(MetricsSample s) {
        addPoints(s);
        moveWindow(s.at().getEpochSecond());
    }

    private void addPoints(MetricsSample s) {
        long x = s.at().getEpochSecond();
        add(requests, x, s, MetricsSample::requestsPerSecond);
        add(errors, x, s, MetricsSample::errorsPerSecond);
        add(tokens, x, s, MetricsSample::tokensPerSecond);
        s.p50Ms().ifPresent(v -> add(p50, x, v));
        s.p99Ms().ifPresent(v -> add(p99, x, v));
        s.inFlight().forEach((node, v) -> add(inFlight.computeIfAbsent(node, this::nodeSeries), x, v));
    }

    private XYChart.Series<Number, Number> nodeSeries(String node) {
        XYChart.Series<Number, Number> s = series(node);
        inFlightChart.getData().add(s);
        return s;
    }

    private static void add(XYChart.Series<Number, Number> series, long x, MetricsSample s, ToDoubleFunction<MetricsSample> f) {
        add(series, x, f.applyAsDouble(s));
    }

    private static void add(XYChart.Series<Number, Number> series, long x, double y) {
        var data = series.getData();
        data.add(new XYChart.Data<>(x, y));
        if (data.size() > WINDOW) {
            data.remove(0, data.size() - WINDOW);
        }
    }

    /**
     * The time axis: from the oldest sample (at most 15 minutes back, at least a minute) to now, with ticks at
     * round steps.
     */
    private void moveWindow(long now) {
        List<MetricsSample> all = model.history().all();
        long first = all.isEmpty() ? now : all.getFirst().at().getEpochSecond();
        long span = Math.max(60, Math.min(WINDOW, now - first));
        long tick = span <= 120 ? 15 : span <= 300 ? 30 : span <= 600 ? 60 : 180;
        for (NumberAxis x : timeAxes) {
            x.setLowerBound(now - span);
            x.setUpperBound(now);
            x.setTickUnit(tick);
        }
        showSeconds = span <= 300;
        long cutoff = now - WINDOW;
        for (XYChart.Series<Number, Number> s : List.of(p50, p99)) {
            while (!s.getData().isEmpty() && s.getData().getFirst().getXValue().longValue() < cutoff) {
                s.getData().removeFirst();
            }
        }
    }
}

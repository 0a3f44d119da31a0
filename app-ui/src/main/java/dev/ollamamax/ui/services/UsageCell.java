package dev.ollamamax.ui.services;

import dev.ollamamax.ui.common.Sparkline;
import java.util.List;
import java.util.function.Function;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;

/** A CPU or memory cell of the Services table: the latest value and a sparkline of the last two minutes. */
final class UsageCell extends TableCell<ServiceRow, ServiceRow> {

    private final Function<ServiceRow, ObservableValue<String>> text;
    private final Function<ServiceRow, ObservableValue<List<Double>>> history;
    private final Sparkline sparkline;
    private final ChangeListener<List<Double>> redraw;
    private ServiceRow shown;

    UsageCell(Function<ServiceRow, ObservableValue<String>> text, Function<ServiceRow, ObservableValue<List<Double>>> history,
              double floor, String kind) {
        this.text = text;
        this.history = history;
        this.sparkline = new Sparkline(48, 16, floor);
        this.redraw = (o, was, now) -> sparkline.setValues(now);
        sparkline.getStyleClass().add("sparkline-" + kind);
        setContentDisplay(ContentDisplay.RIGHT);
        setGraphicTextGap(8);
        getStyleClass().add("mono-column");
    }

    @Override
    protected void updateItem(ServiceRow row, boolean empty) {
        super.updateItem(row, empty);
        if (shown != null) {
            textProperty().unbind();
            history.apply(shown).removeListener(redraw);
            shown = null;
        }
        if (empty || row == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        shown = row;
        textProperty().bind(text.apply(row));
        history.apply(row).addListener(redraw);
        sparkline.setValues(history.apply(row).getValue());
        setGraphic(sparkline);
    }
}

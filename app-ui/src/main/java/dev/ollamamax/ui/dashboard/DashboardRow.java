package dev.ollamamax.ui.dashboard;

import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.ports.ServiceState;
import dev.ollamamax.shared.ports.ServiceStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One service row of the Dashboard; {@link #update} changes its values in place on every scan. */
public final class DashboardRow {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final String key;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper origin = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper port = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper kind = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ServiceState> state = new ReadOnlyObjectWrapper<>(ServiceState.DOWN);
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper holder = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper checked = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper webPage = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper restartable = new ReadOnlyBooleanWrapper();
    private ServiceId serviceId = ServiceId.PROJECT;

    DashboardRow(String key) {
        this.key = key;
    }

    /** A stable identity across scans: what the service is and where its port is configured. */
    static String keyOf(PlannedService s) {
        return s.id() + "|" + s.name() + "|" + s.origin().key() + "|" + s.origin().file().map(Object::toString).orElse("");
    }

    void update(ServiceStatus status) {
        PlannedService s = status.service();
        serviceId = s.id();
        name.set(s.name());
        origin.set(s.origin().describe());
        port.set(String.valueOf(s.port()));
        kind.set(s.kind().name().toLowerCase(Locale.ROOT));
        state.set(status.state());
        latency.set(status.latency().map(DashboardRow::millis).orElse("–"));
        holder.set(status.holder().map(h -> h.program().isEmpty() ? "PID " + h.pid()
                : h.program() + " (PID " + h.pid() + (h.user().isEmpty() ? "" : ", " + h.user()) + ")").orElse("–"));
        checked.set(TIME.format(status.checkedAt()));
        detail.set(status.detail());
        String host = s.host().isBlank() || s.host().equals("0.0.0.0") || s.host().equals("::") ? "127.0.0.1" : s.host();
        url.set(s.port() > 0 ? "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + s.port()
                + (s.id().hasWebPage() ? "/" : "") : "");
        webPage.set(s.id().hasWebPage() && s.port() > 0);
    }

    static String millis(java.time.Duration d) {
        long micros = d.toNanos() / 1000;
        return micros < 10_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000.0) : d.toMillis() + " ms";
    }

    public String key() {
        return key;
    }

    public ServiceId serviceId() {
        return serviceId;
    }

    /** Where the service answers: its web page when it has one, else its base URL. */
    public Optional<String> url() {
        return Optional.of(url.get()).filter(u -> !u.isEmpty());
    }

    /** The URL, empty when the service has no port to reach. */
    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    /** True when the service has a page worth opening in a browser. */
    public ReadOnlyBooleanProperty webPageProperty() {
        return webPage.getReadOnlyProperty();
    }

    /** True when OllamaMax runs this service and can restart it. */
    public ReadOnlyBooleanProperty restartableProperty() {
        return restartable.getReadOnlyProperty();
    }

    void setRestartable(boolean value) {
        restartable.set(value);
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty originProperty() {
        return origin.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty portProperty() {
        return port.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty kindProperty() {
        return kind.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ServiceState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty holderProperty() {
        return holder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkedProperty() {
        return checked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public String name() {
        return name.get();
    }

    public String port() {
        return port.get();
    }

    public ServiceState state() {
        return state.get();
    }
}

package dev.ollamamax.shared.ports;

import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.probe.ProbeKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The services of the plan (PRODUCT.md "Services of the plan"), each with the setting that holds its port,
 * and {@link #PROJECT} for a port found in the user's own project folder that is none of them.
 */
public enum ServiceId {
    GATEWAY("API gateway", Setting.PORT, ServiceKind.EMBEDDED, ProbeKind.HTTP_GET, "/health/ready", true),
    WEBSOCKET("WebSocket server", Setting.WS_PORT, ServiceKind.EMBEDDED, ProbeKind.HTTP_GET, "/health", false),
    FALLBACK("Fallback endpoint", Setting.FALLBACK_PORT, ServiceKind.EMBEDDED, ProbeKind.HTTP_GET, "/health", false),
    BACKEND_API("Backend API", Setting.BACKEND_API_PORT, ServiceKind.EXTERNAL, ProbeKind.HTTP_GET, "/health", false),
    BACKEND_WEB("Backend web", Setting.BACKEND_WEB_PORT, ServiceKind.EXTERNAL, ProbeKind.TCP, "", true),
    OLLAMA("Ollama engine", Setting.OLLAMA_PORT, ServiceKind.EXTERNAL, ProbeKind.HTTP_GET, "/api/tags", false),
    POSTGRES("PostgreSQL", Setting.POSTGRES_PORT, ServiceKind.MANAGED, ProbeKind.POSTGRES, "", false),
    REDIS("Redis", Setting.REDIS_PORT, ServiceKind.MANAGED, ProbeKind.REDIS_PING, "", false),
    GRAFANA("Grafana", Setting.GRAFANA_PORT, ServiceKind.EXTERNAL, ProbeKind.HTTP_GET, "/api/health", true),
    PROMETHEUS("Prometheus", Setting.PROMETHEUS_PORT, ServiceKind.EXTERNAL, ProbeKind.HTTP_GET, "/-/ready", true),
    /**
     * A port configured in a project folder ({@code .env} key or compose mapping) that is not one of the
     * plan's services. It has no setting of ours: see {@link PlannedService#origin()} for where it is set.
     */
    PROJECT("Project service", null, ServiceKind.EXTERNAL, ProbeKind.TCP, "", false);

    private final String displayName;
    private final Setting portSetting;
    private final ServiceKind defaultKind;
    private final ProbeKind probe;
    private final String probePath;
    private final boolean hasWebPage;

    ServiceId(String displayName, Setting portSetting, ServiceKind defaultKind, ProbeKind probe, String probePath,
              boolean hasWebPage) {
        this.displayName = displayName;
        this.portSetting = portSetting;
        this.defaultKind = defaultKind;
        this.probe = probe;
        this.probePath = probePath;
        this.hasWebPage = hasWebPage;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * The setting that holds this service's port.
     *
     * @throws IllegalStateException for {@link #PROJECT}, which has none (use {@link #setting()})
     */
    public Setting portSetting() {
        if (portSetting == null) {
            throw new IllegalStateException(displayName + " has no OllamaMax setting; its port is set where "
                    + "PlannedService.origin() says");
        }
        return portSetting;
    }

    /** The setting that holds this service's port; empty for {@link #PROJECT}. */
    public Optional<Setting> setting() {
        return Optional.ofNullable(portSetting);
    }

    /** True for the ten services of the plan, false for {@link #PROJECT}. */
    public boolean inPlan() {
        return portSetting != null;
    }

    /** The services of the plan, in plan order (every constant but {@link #PROJECT}). */
    public static List<ServiceId> plan() {
        return Arrays.stream(values()).filter(ServiceId::inPlan).toList();
    }

    /** The service of the plan whose port a setting holds ({@code GO_API_PORT} → Backend API). */
    public static Optional<ServiceId> byPortSetting(Setting setting) {
        return plan().stream().filter(id -> id.portSetting == setting).findFirst();
    }

    public ServiceKind defaultKind() {
        return defaultKind;
    }

    public ProbeKind probe() {
        return probe;
    }

    public String probePath() {
        return probePath;
    }

    public boolean hasWebPage() {
        return hasWebPage;
    }
}

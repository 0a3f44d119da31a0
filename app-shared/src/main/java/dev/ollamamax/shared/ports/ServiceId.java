package dev.ollamamax.shared.ports;

import dev.ollamamax.shared.config.Setting;

/** The services of the plan (PRODUCT.md "Services of the plan"), each with the setting that holds its port. */
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
    PROMETHEUS("Prometheus", Setting.PROMETHEUS_PORT, ServiceKind.EXTERNAL, ProbeKind.HTTP_GET, "/-/ready", true);

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

    public Setting portSetting() {
        return portSetting;
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

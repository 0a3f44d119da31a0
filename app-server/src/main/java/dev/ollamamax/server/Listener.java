package dev.ollamamax.server;

import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.ServiceId;

/** The gateway's three listeners; each is its own server socket and can be stopped and started alone. */
public enum Listener {
    PRIMARY("primary", Setting.PORT, ServiceId.GATEWAY),
    WEBSOCKET("websocket", Setting.WS_PORT, ServiceId.WEBSOCKET),
    FALLBACK("fallback", Setting.FALLBACK_PORT, ServiceId.FALLBACK);

    private final String wireName;
    private final Setting portSetting;
    private final ServiceId service;

    Listener(String wireName, Setting portSetting, ServiceId service) {
        this.wireName = wireName;
        this.portSetting = portSetting;
        this.service = service;
    }

    /** The name used in the chat protocol's {@code hello} frame. */
    public String wireName() {
        return wireName;
    }

    public Setting portSetting() {
        return portSetting;
    }

    public ServiceId service() {
        return service;
    }
}

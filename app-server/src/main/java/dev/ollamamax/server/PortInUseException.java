package dev.ollamamax.server;

import dev.ollamamax.shared.ports.ServiceId;

/** A listener could not bind its port. The message names the service and the port; no stack trace is shown for it. */
public final class PortInUseException extends RuntimeException {

    private final ServiceId service;
    private final String host;
    private final int port;

    public PortInUseException(ServiceId service, String host, int port, Throwable cause) {
        super(service.displayName() + " cannot listen on " + host + ":" + port + ": "
                + (cause.getMessage() == null ? "address already in use" : cause.getMessage()), cause);
        this.service = service;
        this.host = host;
        this.port = port;
    }

    public ServiceId service() {
        return service;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}

package dev.ollamamax.shared.ports.sockets;

import java.util.Optional;

/** A TCP socket in the LISTEN state: the local address, the port and, where the OS tells, its process. */
public record Listening(String address, int port, Optional<Holder> holder) {
}

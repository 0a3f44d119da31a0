/**
 * The operating system's table of listening TCP sockets with the process holding each: {@code /proc} on Linux,
 * OSHI's native calls on macOS and Windows (ADR 0012).
 */
package dev.ollamamax.shared.ports.sockets;

/**
 * The port plan of the stack (which service is configured on which port, and where) and its live state:
 * the socket table, health probes, {@link dev.ollamamax.shared.ports.StackScanner} with its conflicts and
 * fixes, free ports, {@code .env} rewriting and the ports of a user's project folder. Plain Java and Jackson only.
 */
package dev.ollamamax.shared.ports;

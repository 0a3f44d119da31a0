/** The port plan of the stack (which service is configured on which port) and its live state. Plain Java. */
package dev.ollamamax.shared.ports;

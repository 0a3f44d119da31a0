/** Health probes of planned services (HTTP, Redis, PostgreSQL, TCP) and the one "can this port be bound" check. */
package dev.ollamamax.shared.ports.probe;

/** Operations endpoints: {@code /health}, {@code /health/ready}, {@code /metrics}. */
package dev.ollamamax.server.ops;

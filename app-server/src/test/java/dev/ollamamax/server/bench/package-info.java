/** Benchmarks run as plain mains from the test class path (never as timed unit tests). */
package dev.ollamamax.server.bench;

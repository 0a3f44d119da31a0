/**
 * Benchmarks run as plain mains from the test class path (never as timed unit tests), and the minimal
 * WebSocket client the WebSocket benchmark uses (also used by chat tests that need a client which
 * misbehaves on purpose).
 */
package dev.ollamamax.server.bench;

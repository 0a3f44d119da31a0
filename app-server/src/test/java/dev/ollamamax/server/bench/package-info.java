/**
 * Benchmarks of the gateway, run by hand ({@code WsBench}), and the minimal WebSocket client they use
 * (also used by chat tests that need a client which misbehaves on purpose).
 */
package dev.ollamamax.server.bench;

/**
 * Test fixture: {@link dev.ollamamax.server.testing.FakeOllama}, a real loopback HTTP server that speaks
 * Ollama's documented API with scripted models, streaming delays and failures. Test sources only; it uses
 * nothing but the JDK and Jackson, so other modules' tests can use it through the app-server test-jar.
 */
package dev.ollamamax.server.testing;

package dev.ollamamax.server.testing;

/**
 * One in-test Ollama node per test JVM (model {@code llama3.2}), for gateways in tests that are not
 * about nodes but need a healthy one (readiness is DOWN without a node).
 */
public final class SharedNode {

    private static FakeOllama node;

    private SharedNode() {
    }

    public static synchronized FakeOllama get() {
        if (node == null) {
            node = FakeOllama.start().model("llama3.2");
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shared-node-stop"));
        }
        return node;
    }
}

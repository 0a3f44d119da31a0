package dev.ollamamax.server.nodes;

/** Ollama model names: {@code llama3} means {@code llama3:latest}. */
public final class ModelNames {

    private ModelNames() {
    }

    public static String normalize(String name) {
        String n = name.strip();
        int slash = n.lastIndexOf('/');
        return n.indexOf(':', slash + 1) >= 0 ? n : n + ":latest";
    }

    public static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }
}

package dev.ollamamax.server.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

/**
 * Runs a {@link FakeOllama} from the command line for scripts (client tests, benchmarks):
 * {@code FakeOllamaMain <port> [--delay-ms N] [--tokens N] [--reply-file PATH] [--model NAME]... [--pullable NAME]...}.
 * Default models: {@code llama3.2} (loaded) and {@code qwen2.5:0.5b}; with {@code --tokens N} each model replies
 * with N tokens ({@code " tok1" ... " tokN"}); with {@code --reply-file} each replies with that file's text, a
 * token per word (whitespace kept with the word before it). Prints one line {@code FakeOllama listening on <url>} and runs
 * until killed. From the repository root, after building the test classes and a class path file:
 * <pre>
 * mvn -B -q -o -pl app-server -am test-compile dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt
 * java -cp app-server/target/test-classes:app-server/target/classes:$(cat cp.txt) \
 *     dev.ollamamax.server.testing.FakeOllamaMain 11500 --delay-ms 20 --tokens 50
 * </pre>
 */
public final class FakeOllamaMain {

    private FakeOllamaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: FakeOllamaMain <port> [--delay-ms N] [--tokens N] [--reply-file PATH] [--model NAME]... [--pullable NAME]...");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        long delayMs = 0;
        int tokens = 0;
        List<String> models = new ArrayList<>();
        List<String> pullable = new ArrayList<>();
        List<String> replyTokens = List.of();
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--delay-ms" -> delayMs = Long.parseLong(value);
                case "--tokens" -> tokens = Integer.parseInt(value);
                case "--model" -> models.add(value);
                case "--pullable" -> pullable.add(value);
                case "--reply-file" -> replyTokens = words(readFile(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (models.isEmpty()) {
            models = List.of("llama3.2", "qwen2.5:0.5b");
        }
        FakeOllama fake = FakeOllama.start(port).tokenDelay(Duration.ofMillis(delayMs));
        for (String model : models) {
            fake.model(model);
            if (!replyTokens.isEmpty()) {
                fake.reply(model, replyTokens);
            } else if (tokens > 0) {
                fake.reply(model, IntStream.rangeClosed(1, tokens).mapToObj(t -> " tok" + t).toList());
            }
        }
        fake.loaded(models.getFirst());
        for (String model : pullable) {
            fake.pullLayers(model, 4_000_000, 120_000);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        System.out.println("FakeOllama listening on " + fake.url() + " models=" + models
                + " delay=" + delayMs + "ms");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static String readFile(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Splits text into tokens of one word each, the whitespace after a word kept with it. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S+\\s*|\\s+").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}

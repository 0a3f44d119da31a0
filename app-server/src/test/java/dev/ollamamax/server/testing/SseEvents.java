package dev.ollamamax.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code data:} payloads of an SSE stream, one per event. */
public final class SseEvents implements AutoCloseable {

    /** Reads an SSE body event by event. */
    public static SseEvents of(HttpResponse<InputStream> res) {
        return new SseEvents(new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8)));
    }

    private final BufferedReader reader;

private SseEvents(BufferedReader reader) {
        this.reader = reader;
    }

    /** The next event's data, or empty at the end of the stream. */
    public Optional<String> next() throws IOException {
        String data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(data);
                }
            } else if (line.startsWith("data: ")) {
                data = data == null ? line.substring(6) : data + "\n" + line.substring(6);
            }
        }
        return Optional.ofNullable(data);
    }

    public List<String> rest() throws IOException {
        List<String> all = new ArrayList<>();
        for (Optional<String> e = next(); e.isPresent(); e = next()) {
            all.add(e.get());
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

package dev.ollamamax.ui.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.UiExecutor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the NDJSON progress of a pull or a create through the gateway to its end, in the background; the job
 * gets the progress at most once per UI turn, and closing the job's stream (Cancel) ends the read.
 */
final class ProgressStream {

    private ProgressStream() {
    }

    static PullProgress.Snapshot read(GatewayApi api, UiExecutor executor, PullJob job, String path, Map<String, Object> body)
            throws IOException, InterruptedException {
        ObjectMapper json = api.json();
        PullProgress progress = new PullProgress();
        AtomicReference<PullProgress.Snapshot> latest = new AtomicReference<>();
        AtomicBoolean queued = new AtomicBoolean();
        String what = job.kind() == PullJob.Kind.CREATE ? "create" : "pull";
        InputStream in = api.stream("POST", path, body);
        job.streaming(in);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                progress.accept(json.readTree(line));
                latest.set(progress.snapshot());
                if (queued.compareAndSet(false, true)) {
                    executor.onUi(() -> {
                        queued.set(false);
                        job.apply(latest.get());
                    });
                }
            }
        } catch (IOException e) {
            if (!job.cancelled()) {
                progress.endedWithout("the connection to the gateway was lost: " + e.getMessage());
            }
        }
        progress.endedWithout(job.cancelled() ? "cancelled" : "the stream ended before the " + what + " finished");
        return progress.snapshot();
    }
}

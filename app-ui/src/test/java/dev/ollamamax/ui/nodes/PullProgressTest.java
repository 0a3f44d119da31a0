package dev.ollamamax.ui.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PullProgressTest {

    final ObjectMapper json = new ObjectMapper();
    final PullProgress progress = new PullProgress();

    void line(String text) throws Exception {
        JsonNode node = json.readTree(text);
        progress.accept(node);
    }

    @Test
    void addsUpLayersIntoOverallProgressAndEndsAtOneOnSuccess() throws Exception {
        line("{\"status\":\"pulling manifest\"}");
        assertThat(progress.phase()).isEqualTo(PullProgress.Phase.STARTING);
        assertThat(progress.overall()).isZero();

        line("{\"status\":\"pulling aaa\",\"digest\":\"sha256:aaaaaaaaaaaaaaaaaaaa\",\"total\":300}");
        line("{\"status\":\"pulling aaa\",\"digest\":\"sha256:aaaaaaaaaaaaaaaaaaaa\",\"total\":300,\"completed\":150}");
        line("{\"status\":\"pulling bbb\",\"digest\":\"sha256:bbbb\",\"total\":100,\"completed\":50}");

        assertThat(progress.phase()).isEqualTo(PullProgress.Phase.DOWNLOADING);
        assertThat(progress.layers()).extracting(PullProgress.Layer::fraction).containsExactly(0.5, 0.5);
        assertThat(progress.layers().getFirst().shortDigest()).isEqualTo("aaaaaaaaaaaa");
        assertThat(progress.overall()).isEqualTo(200.0 / 400);
        assertThat(progress.completedBytes()).isEqualTo(200);
        assertThat(progress.totalBytes()).isEqualTo(400);

        line("{\"status\":\"verifying sha256 digest\"}");
        assertThat(progress.phase()).isEqualTo(PullProgress.Phase.VERIFYING);
        line("{\"status\":\"writing manifest\"}");
        line("{\"status\":\"success\"}");

        assertThat(progress.phase()).isEqualTo(PullProgress.Phase.SUCCESS);
        assertThat(progress.overall()).isEqualTo(1.0);
        assertThat(progress.layers()).allMatch(l -> l.fraction() == 1.0);
        assertThat(progress.error()).isEmpty();
    }

    @Test
    void aLateLineOfALayerNeverMovesItBackwards() throws Exception {
        line("{\"status\":\"pulling a\",\"digest\":\"sha256:a\",\"total\":100,\"completed\":80}");
        line("{\"status\":\"pulling a\",\"digest\":\"sha256:a\",\"total\":100,\"completed\":40}");

        assertThat(progress.layers().getFirst().completed()).isEqualTo(80);
    }

    @Test
    void anErrorLineFailsThePullWithOllamasWords() throws Exception {
        line("{\"status\":\"pulling manifest\"}");
        line("{\"error\":\"pull model manifest: file does not exist\"}");

        assertThat(progress.phase()).isEqualTo(PullProgress.Phase.FAILED);
        assertThat(progress.error()).contains("pull model manifest: file does not exist");
        progress.endedWithout("the stream ended");
        assertThat(progress.error()).contains("pull model manifest: file does not exist");
    }

    @Test
    void aStreamThatEndsBeforeSuccessIsAFailure() throws Exception {
        line("{\"status\":\"pulling a\",\"digest\":\"sha256:a\",\"total\":100,\"completed\":10}");

        progress.endedWithout("the stream ended before the pull finished");

        assertThat(progress.phase()).isEqualTo(PullProgress.Phase.FAILED);
        assertThat(progress.snapshot().error()).contains("the stream ended before the pull finished");
    }

    @Test
    void sizesReadLikeOllamaPrintsThem() {
        assertThat(Sizes.human(1_321_098_329L)).isEqualTo("1.32 GB");
        assertThat(Sizes.human(4_000_000)).isEqualTo("4.00 MB");
        assertThat(Sizes.human(120_000)).isEqualTo("120 KB");
        assertThat(Sizes.human(512)).isEqualTo("512 B");
        assertThat(Sizes.human(-1)).isEqualTo("–");
    }
}

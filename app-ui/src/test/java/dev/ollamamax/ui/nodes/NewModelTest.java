package dev.ollamamax.ui.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create form and the Modelfile read into Ollama's {@code /api/create} fields, refusals in words. */
class NewModelTest {

    @Test
    void theFieldsBecomeTheDocumentedCreateRequestWithTypedParameters() {
        NewModel form = new NewModel(" mario ", "llama3.2:latest", "You are Mario.", "8192", "0.3", "");

        assertThat(form.problem()).isEmpty();
        assertThat(form.request("n1")).containsExactly(Map.entry("model", "mario"), Map.entry("from", "llama3.2:latest"),
                Map.entry("system", "You are Mario."), Map.entry("parameters", Map.of("num_ctx", 8192L, "temperature", 0.3)),
                Map.entry("stream", true), Map.entry("node", "n1"));
    }

    @Test
    void aModelfileGivesFromTemplateLicenseMessagesAndParametersAndTheFieldsWin() {
        String text = """
                # a comment
                FROM llama3.2
                parameter num_ctx 4096
                PARAMETER stop "<|end|>"
                PARAMETER stop <|eot|>
                PARAMETER top_p 0.9
                SYSTEM old system
                TEMPLATE \"\"\"{{ .System }}
                {{ .Prompt }}\"\"\"
                LICENSE MIT
                MESSAGE user Hi
                MESSAGE assistant "Hello, it's me"
                """;
        NewModel form = new NewModel("m", "", "new system", "", "1", text);

        Map<String, Object> body = form.request("n");

        assertThat(form.problem()).isEmpty();
        assertThat(body.get("from")).isEqualTo("llama3.2");
        assertThat(body.get("system")).isEqualTo("new system");
        assertThat(body.get("template")).isEqualTo("{{ .System }}\n{{ .Prompt }}");
        assertThat(body.get("license")).isEqualTo("MIT");
        assertThat(body.get("parameters")).isEqualTo(Map.of("num_ctx", 4096L, "stop", List.of("<|end|>", "<|eot|>"),
                "top_p", 0.9, "temperature", 1.0));
        assertThat(body.get("messages")).isEqualTo(List.of(Map.of("role", "user", "content", "Hi"),
                Map.of("role", "assistant", "content", "Hello, it's me")));
    }

    @Test
    void whatCannotBeSentIsRefusedInWords() {
        assertThat(NewModel.checkName("")).contains("Name the new model, e.g. mario or team/coder:8k");
        assertThat(NewModel.checkName("my model")).isPresent();
        assertThat(NewModel.checkName("team/coder:8k")).isEmpty();
        assertThat(new NewModel("m", "", "", "", "", "").problem()).contains("Choose the base model (or write FROM in the Modelfile)");
        assertThat(new NewModel("m", "a", "", "12x", "", "").problem()).contains("A whole number of tokens, e.g. 8192, or empty for the base model's");
        assertThat(new NewModel("m", "a", "", "", "3", "").problem()).contains("A temperature from 0 to 2, e.g. 0.7");
        assertThat(new NewModel("m", "a", "", "", "", "FROM b").problem())
                .contains("The Modelfile says FROM b but the base model is a: keep one of them");
        assertThat(new NewModel("m", "a", "", "", "", "\nPARAMETER num_ctx lots").problem())
                .contains("Line 2: num_ctx takes a whole number, not 'lots'");
        assertThat(new NewModel("m", "a", "", "", "", "PARAMETER colour blue").problem())
                .contains("Line 1: unknown parameter 'colour'");
        assertThat(new NewModel("m", "", "", "", "", "FROM ./model.gguf").problem().orElseThrow())
                .startsWith("Line 1: FROM a file needs its blobs uploaded first");
        assertThatThrownBy(() -> Modelfile.parse("SYSTEM \"\"\"open")).hasMessage("Line 1: a \"\"\" value is not closed");
        assertThat(Modelfile.check("ADAPTER ./lora.gguf").orElseThrow()).startsWith("Line 1: ADAPTER needs");
        assertThat(Modelfile.check("RUN something")).contains("Line 1: unknown instruction 'RUN' (FROM, PARAMETER, SYSTEM, TEMPLATE, LICENSE, MESSAGE)");
    }
}

package dev.ollamamax.server.ollama;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NdjsonRelayTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aContentLineIsNotParsed() {
        assertFalse(NdjsonRelay.mayEnd(b("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"hé\"},\"done\":false}")));
        assertFalse(NdjsonRelay.mayEnd(b("")));
        assertFalse(NdjsonRelay.mayEnd(b("{")));
    }

    @Test
    void finalLinesOfEveryKindAreRecognised() {
        assertTrue(NdjsonRelay.mayEnd(b("{\"model\":\"m\",\"done\":true,\"eval_count\":3}")));
        assertTrue(NdjsonRelay.mayEnd(b("{\"model\": \"m\", \"done\": true}")));
        assertTrue(NdjsonRelay.mayEnd(b("{\"error\":\"model crashed\"}")));
        assertTrue(NdjsonRelay.mayEnd(b("{\"status\":\"success\"}")));
    }

    @Test
    void onlyTheTailOfALongLineIsScanned() {
        String content = "x".repeat(2000);
        // a mark inside a long content string far from the end does not make the line final
        assertFalse(NdjsonRelay.mayEnd(b("{\"message\":{\"content\":\"\\\"done\\\":true" + content + "\"},\"done\":false}")));
        assertTrue(NdjsonRelay.mayEnd(b("{\"message\":{\"content\":\"" + content + "\"},\"done\":true}")));
    }
}

package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    @Test
    void joinsFragmentsIntoOneMessage() {
        MessageAssembler a = new MessageAssembler(100);
        assertThat(a.add("{\"a\":", false)).isInstanceOf(MessageAssembler.Pending.class);
        assertThat(a.add("1}", true)).isEqualTo(new MessageAssembler.Complete("{\"a\":1}"));
        assertThat(a.add("x", true)).isEqualTo(new MessageAssembler.Complete("x"));
    }

    @Test
    void reportsAMessageOverTheLimitOnceAtItsEndAndThenWorksAgain() {
        MessageAssembler a = new MessageAssembler(10);
        assertThat(a.add("123456", false)).isInstanceOf(MessageAssembler.Pending.class);
        assertThat(a.add("123456", false)).isInstanceOf(MessageAssembler.Pending.class);
        assertThat(a.add("12", true)).isEqualTo(new MessageAssembler.TooLarge(14));
        assertThat(a.add("12345678901", true)).isEqualTo(new MessageAssembler.TooLarge(11));
        assertThat(a.add("ok", true)).isEqualTo(new MessageAssembler.Complete("ok"));
    }

    @Test
    void countsBytesOfUtf8NotCharacters() {
        assertThat(MessageAssembler.utf8Length("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
        MessageAssembler a = new MessageAssembler(5);
        assertThat(a.add("€€", true)).isEqualTo(new MessageAssembler.TooLarge(6));
    }
}

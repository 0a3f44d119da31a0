package dev.ollamamax.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RootCommandTest {

    @Test
    void theServerKeepsRunningWithOrWithoutServeAndWithOptionValues() {
        assertThat(RootCommand.keepsRunning(new String[0])).isTrue();
        assertThat(RootCommand.keepsRunning(new String[] {"--port", "13100"})).isTrue();
        assertThat(RootCommand.keepsRunning(new String[] {"serve", "--nodes", "http://127.0.0.1:11434"})).isTrue();
        assertThat(RootCommand.keepsRunning(new String[] {"serve", "-D", "AUTH_ENABLED=false"})).isTrue();
    }

    @Test
    void portsHelpVersionAndBadArgumentsExit() {
        assertThat(RootCommand.keepsRunning(new String[] {"ports"})).isFalse();
        assertThat(RootCommand.keepsRunning(new String[] {"ports", "--project", "/work/app", "--json"})).isFalse();
        assertThat(RootCommand.keepsRunning(new String[] {"--help"})).isFalse();
        assertThat(RootCommand.keepsRunning(new String[] {"serve", "-h"})).isFalse();
        assertThat(RootCommand.keepsRunning(new String[] {"-V"})).isFalse();
        assertThat(RootCommand.keepsRunning(new String[] {"--no-such-option"})).isFalse();
    }
}

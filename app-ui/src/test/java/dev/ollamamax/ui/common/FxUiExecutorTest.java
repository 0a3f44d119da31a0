package dev.ollamamax.ui.common;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The desktop's executor outside the toolkit: what happens once the window has closed it. */
class FxUiExecutorTest {

    @Test
    void workSubmittedAfterCloseIsDroppedInsteadOfThrowingOnTheFxThread() {
        FxUiExecutor executor = new FxUiExecutor();
        executor.close();
        // a result delivered to the FX thread after close may ask for more work (NodesViewModel -> ChatViewModel)
        assertThatCode(() -> executor.submit(() -> 1, r -> { }, e -> { })).doesNotThrowAnyException();
        assertThatCode(() -> executor.run(() -> { }, () -> { }, e -> { })).doesNotThrowAnyException();
    }
}

package dev.ollamamax.shared.ports.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.PortOrigin;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.ports.ServiceKind;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A port declared in a stack file is moved by editing that file by hand, never rewritten like a .env. */
class StackFilePortTest {

    @Test
    void aStackFilePortIsMovedByHand() {
        Path file = Path.of("/p/ollamamax-stack.yaml");
        PortOrigin origin = new PortOrigin("processes.api.ports", PortOrigin.STACK_FILE, Optional.of(file));
        PlannedService api = new PlannedService(ServiceId.PROJECT, "api", "127.0.0.1", 8080, ServiceKind.MANAGED, origin);

        assertThat(origin.editedByHand()).isTrue();
        assertThat(origin.isCompose()).isFalse();
        assertThat(new PortFix.Move(api, 8081).assignment())
                .isEqualTo("run api on 8081 instead of 8080 (processes.api.ports in /p/ollamamax-stack.yaml)");
    }
}

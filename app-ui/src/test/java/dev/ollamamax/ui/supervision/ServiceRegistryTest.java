package dev.ollamamax.ui.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceRegistryTest {

    final List<String> journal = new ArrayList<>();
    final ServiceRegistry registry = new ServiceRegistry();

    @Test
    void restartAllStopsDependentsFirstAndStartsDatabaseAndCacheBeforeTheGateway() {
        registry.register(new FakeService("gateway.primary", journal, "postgres", "redis"));
        registry.register(new FakeService("gateway.websocket", journal, "gateway.primary"));
        registry.register(new FakeService("redis", journal));
        registry.register(new FakeService("postgres", journal));

        List<String> failures = registry.restartAll();

        assertThat(failures).isEmpty();
        assertThat(journal).containsExactly(
                "stop gateway.websocket", "stop gateway.primary", "stop redis", "stop postgres",
                "start postgres", "start redis", "start gateway.primary", "start gateway.websocket");
    }

    @Test
    void reportsEveryServiceThatFailedToStartAndStillStartsTheRest() {
        FakeService broken = new FakeService("redis", journal);
        broken.failStart = true;
        registry.register(broken);
        registry.register(new FakeService("gateway.primary", journal, "redis"));

        assertThat(registry.restartAll()).containsExactly("redis did not start: exit code 1");
        assertThat(journal).contains("start gateway.primary");
    }

    @Test
    void registeringAnIdAgainReplacesItAndTellsListeners() throws Exception {
        List<String> seen = new ArrayList<>();
        try (AutoCloseable sub = registry.onChange(() -> seen.add("changed"))) {
            registry.register(new FakeService("redis"));
            FakeService second = new FakeService("redis");
            registry.register(second);
            assertThat(registry.all()).containsExactly(second);
        }
        registry.unregister("redis");
        assertThat(seen).hasSize(2);
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void aDependencyCycleDoesNotHangTheOrdering() {
        registry.register(new FakeService("a", journal, "b"));
        registry.register(new FakeService("b", journal, "a"));
        assertThat(registry.startOrder()).extracting(ManagedService::id).containsExactlyInAnyOrder("a", "b");
    }
}

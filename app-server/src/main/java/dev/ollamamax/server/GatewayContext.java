package dev.ollamamax.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.shared.config.Config;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the features of one gateway share: its configuration, data folder, JSON mapper, meter registry
 * and clock. Built once by {@link Gateway}; features receive it in their constructors.
 */
public record GatewayContext(Config config, Path home, ObjectMapper json, PrometheusMeterRegistry meters,
                             Clock clock) {
}

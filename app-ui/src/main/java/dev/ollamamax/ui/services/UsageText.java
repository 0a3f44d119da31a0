package dev.ollamamax.ui.services;

import dev.ollamamax.ui.supervision.UsageSampler.Usage;
import java.util.Locale;
import java.util.Optional;

/** How CPU and memory read in the Services table: "12.5 %", "148 MB"; "–" when the service has no process. */
final class UsageText {

    private UsageText() {
    }

    static String cpu(Optional<Usage> usage) {
        return usage.map(u -> String.format(Locale.ROOT, "%.1f %%", u.cpuPercent())).orElse("–");
    }

    static String memory(Optional<Usage> usage) {
        return usage.map(u -> bytes(u.residentBytes())).orElse("–");
    }

    static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return (b >> 20) + " MB";
        }
        return (b >> 10) + " KB";
    }
}

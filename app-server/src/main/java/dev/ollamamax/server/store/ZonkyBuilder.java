package dev.ollamamax.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/** How {@link EmbeddedPostgresService} makes zonky's builder: its archive from the class path, no shared temp folder. */
final class ZonkyBuilder {

    private ZonkyBuilder() {
    }

    /**
     * zonky's builder takes a "parent directory" from {@code ot.epg.working-dir} (default: the shared
     * {@code <tmp>/embedded-pg}), creates it and runs {@code pg_ctl stop} on, then deletes, any folder in it
     * that looks stale: in the shared temp folder another user could plant one. Point it at a folder of
     * ours while the builder is made (under {@link FreePort}'s monitor, so no other start in this JVM races).
     */
    static EmbeddedPostgres.Builder outsideTmp(Path parent) throws IOException {
        PgBinaries.ownerOnlyFolder(parent);
        String previous = System.getProperty("ot.epg.working-dir");
        System.setProperty("ot.epg.working-dir", parent.toString());
        try {
            return EmbeddedPostgres.builder();
        } finally {
            if (previous == null) {
                System.clearProperty("ot.epg.working-dir");
            } else {
                System.setProperty("ot.epg.working-dir", previous);
            }
        }
    }

    /**
     * The PostgreSQL archive for this OS from the class path, the first one found: the same binaries jar
     * can be reachable twice (once directly, once through a jar manifest's {@code Class-Path}), which
     * zonky's own resolver refuses as "duplicate".
     */
    /** zonky caches extracted binaries per resolver: one resolver per data folder keeps each home's copy its own. */
    record HomeBinaries(Path home) implements io.zonky.test.db.postgres.embedded.PgBinaryResolver {
        @Override
        public java.io.InputStream getPgBinary(String system, String machine) throws IOException {
            return binaries(system, machine);
        }
    }

    static java.io.InputStream binaries(String system, String machine) throws java.io.IOException {
        String base = "postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + machine;
        String name = java.nio.file.Files.exists(java.nio.file.Path.of("/etc/alpine-release"))
                ? base + "-alpine_linux.txz" : base + ".txz";
        java.net.URL url = EmbeddedPostgres.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new java.io.IOException("No embedded PostgreSQL binaries for " + system + "/" + machine
                    + " on the class path (" + name + "); set DATABASE_URL to use an external server");
        }
        return url.openStream();
    }
}

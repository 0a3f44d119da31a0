package dev.ollamamax.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Where the embedded PostgreSQL's programs live: {@code <home>/pg-bin}, owner-only (0700), never the shared
 * system temp folder where another local user could plant {@code bin/postgres}. zonky extracts the archive
 * into {@code pg-bin/extracted/PG-<archive digest>}; after the first start a manifest (SHA-256 of every file,
 * target of every link) is kept next to it, and {@link #prepare()} checks it before each start: a folder that
 * does not match, or has no manifest, is deleted so zonky extracts a fresh copy from the jar.
 */
final class PgBinaries {

    private static final Logger LOG = Logger.getLogger(PgBinaries.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** zonky's own marker and lock files, written after the manifest. */
    private static final Set<String> ZONKY_FILES = Set.of(".exists", "epg-lock");

    private final Path root;

    PgBinaries(Path home) {
        this.root = home.resolve("pg-bin");
    }

    /** The folder zonky extracts into (its working directory), with every copy in it verified. */
    Path prepare() throws IOException {
        ownerOnlyFolder(root);
        Path extracted = root.resolve("extracted");
        Files.createDirectories(extracted);
        tighten(extracted);
        try (Stream<Path> copies = Files.list(extracted)) {
            for (Path copy : copies.filter(Files::isDirectory).toList()) {
                Path manifest = manifestOf(copy);
                if (!Files.isRegularFile(manifest)) {
                    LOG.warning(() -> "Deleting " + copy + ": no manifest to verify it against; it is extracted again");
                    deleteTree(copy);
                } else if (!Files.readString(manifest, StandardCharsets.UTF_8).equals(manifest(copy))) {
                    LOG.warning(() -> "The PostgreSQL programs in " + copy + " were modified since they were extracted;"
                            + " they are not run and are extracted again");
                    deleteTree(copy);
                    Files.delete(manifest);
                }
            }
        }
        return extracted;
    }

    /** After a start: records a manifest for a copy zonky just extracted, and takes back the write access it granted. */
    void seal() throws IOException {
        Path extracted = root.resolve("extracted");
        tighten(extracted);
        try (Stream<Path> copies = Files.list(extracted)) {
            for (Path copy : copies.filter(Files::isDirectory).toList()) {
                Path manifest = manifestOf(copy);
                if (!Files.exists(manifest)) {
                    SecretFile.writeOwnerOnly(manifest, manifest(copy));
                }
            }
        }
    }

    /** zonky makes its working folder writable for all; inside the owner-only root nobody else reaches it, but take it back. */
    private static void tighten(Path dir) throws IOException {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
    }

    private Path manifestOf(Path copy) {
        return root.resolve(copy.getFileName() + ".manifest");
    }

    /** One line per file: its SHA-256 (or link target) and its path, sorted; zonky's markers left out. */
    static String manifest(Path copy) throws IOException {
        TreeMap<String, String> lines = new TreeMap<>();
        try (Stream<Path> all = Files.walk(copy)) {
            for (Path p : all.toList()) {
                String rel = copy.relativize(p).toString().replace('\\', '/');
                if (rel.isEmpty() || ZONKY_FILES.contains(rel)) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    lines.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    lines.put(rel, sha256(p) + (Files.isExecutable(p) ? " x" : ""));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    lines.put(rel + "/", "dir");
                } else {
                    lines.put(rel, "other");
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        lines.forEach((path, what) -> sb.append(what).append("  ").append(path).append('\n'));
        return sb.toString();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates the folder owner-only, or makes an existing one so. One that another user owns, or that others
     * could write to, may hold anything: its contents are deleted first.
     */
    static void ownerOnlyFolder(Path dir) throws IOException {
        if (Files.getFileAttributeView(dir.getParent(), PosixFileAttributeView.class) == null) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            return;
        }
        boolean ours = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(Files.getOwner(dir.getParent()));
        Set<PosixFilePermission> perms = ours ? Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS) : Set.of();
        boolean othersMayWrite = perms.contains(PosixFilePermission.GROUP_WRITE)
                || perms.contains(PosixFilePermission.OTHERS_WRITE);
        if (!ours || othersMayWrite) {
            LOG.warning(() -> "Deleting " + dir + ": " + (ours ? "others could write to it" : "it is not a folder of ours"));
            deleteTree(dir);
            ownerOnlyFolder(dir);
        } else if (!perms.equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir + "; remove it by hand", e);
        }
    }
}

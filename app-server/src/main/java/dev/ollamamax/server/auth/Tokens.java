package dev.ollamamax.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets handed to clients: API keys ({@code omx_} + 32 random bytes, base64url) and refresh
 * tokens (32 random bytes, base64url). Only their SHA-256 is stored; with 256 random bits a plain hash
 * is enough (no dictionary to guess from).
 */
final class Tokens {

    static final String KEY_PREFIX = "omx_";
    static final int SHOWN_PREFIX_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String newApiKey() {
        return KEY_PREFIX + random32();
    }

    static String newRefreshToken() {
        return random32();
    }

    static boolean looksLikeApiKey(String credential) {
        return credential.startsWith(KEY_PREFIX);
    }

    /** What people see of a key in lists: its first characters. */
    static String shownPrefix(String apiKey) {
        return apiKey.substring(0, Math.min(SHOWN_PREFIX_LENGTH, apiKey.length()));
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package dev.ollamamax.server.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.SignatureException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * JWT access tokens, HS256 (jjwt): {@code sub} = user id, {@code name}, {@code role}, {@code sid} = the
 * login session (refresh-token family), {@code iss} = ollamamax. Stateless, so any listener and any
 * gateway with the same secret accepts them; logout is enforced through the revoked-session list.
 */
final class AccessTokens {

    static final String ISSUER = "ollamamax";

    record Issued(String token, Instant expiresAt) {
    }

    record Verified(AuthResult result, Optional<UUID> session) {
    }

    private final SecretKey key;
    private final Duration ttl;
    private final Clock clock;
    private final JwtParser parser;

    AccessTokens(byte[] secret, Duration ttl, Clock clock) {
        this.key = Keys.hmacShaKeyFor(secret);
        this.ttl = ttl;
        this.clock = clock;
        this.parser = Jwts.parser()
                .verifyWith(key)
                .requireIssuer(ISSUER)
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(5)
                .build();
    }

    Duration ttl() {
        return ttl;
    }

    Issued issue(long userId, String username, String role, UUID session) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        String token = Jwts.builder()
                .issuer(ISSUER)
                .subject(Long.toString(userId))
                .claim("name", username)
                .claim("role", role)
                .claim("sid", session.toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new Issued(token, expires);
    }

    Verified verify(String token) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            long userId = Long.parseLong(claims.getSubject());
            String name = claims.get("name", String.class);
            String role = claims.get("role", String.class);
            if (name == null || role == null || claims.getExpiration() == null) {
                return refused(AuthError.MALFORMED_TOKEN, "the token lacks the name, role or expiry of an OllamaMax access token");
            }
            Optional<UUID> sid = Optional.ofNullable(claims.get("sid", String.class)).map(UUID::fromString);
            Principal p = new Principal(userId, name, role, Optional.empty(), claims.getExpiration().toInstant());
            return new Verified(AuthResult.accepted(p), sid);
        } catch (ExpiredJwtException e) {
            Instant at = e.getClaims().getExpiration().toInstant();
            return refused(AuthError.EXPIRED_TOKEN, "the access token expired at "
                    + DateTimeFormatter.ISO_INSTANT.format(at) + "; refresh it or log in again");
        } catch (SignatureException e) {
            return refused(AuthError.BAD_SIGNATURE,
                    "the token's signature is not valid here (it was signed with another secret, or altered)");
        } catch (JwtException | IllegalArgumentException e) {
            // jjwt's messages run to paragraphs: keep the first sentence
            String why = String.valueOf(e.getMessage());
            int stop = why.indexOf(". ");
            return refused(AuthError.MALFORMED_TOKEN, "the token is not a valid OllamaMax access token ("
                    + (stop > 0 ? why.substring(0, stop) : why) + ")");
        }
    }

    private static Verified refused(AuthError error, String message) {
        return new Verified(AuthResult.refused(error, message), Optional.empty());
    }
}

package io.dolphincluster.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A user and password from an HTTP {@code Authorization: Basic <base64(user:password)>} header (RFC
 * 7617, UTF-8). {@link #toString()} never shows the password.
 */
public record BasicCredentials(String user, String password) {

    /** The credentials in {@code header}, or empty when it is missing, not Basic, or malformed. */
    public static Optional<BasicCredentials> parse(String header) {
        if (header == null) return Optional.empty();
        String trimmed = header.trim();
        if (trimmed.length() < 6 || !trimmed.regionMatches(true, 0, "Basic ", 0, 6))
            return Optional.empty();
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(trimmed.substring(6).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) return Optional.empty();
        return Optional.of(
                new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** The header value for these credentials. */
    public String header() {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}

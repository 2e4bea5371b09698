package io.dolphincluster.protocol.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster credential: a secret every member process (controllers, agents, datanodes, the
 * operator) is provisioned with as a file, and proves membership with. The secret itself never
 * crosses the network: a member sends a <em>token</em>, an HMAC-SHA256 of what it asks for, made
 * with the secret.
 *
 * <p>A token is {@code v1:<node>:<millis>:<nonce>:<signature>} over the text {@code
 * dolphin-node-v1\n<purpose>\n<node>\n<millis>\n<nonce>}; the purpose names the request (an HTTP
 * method, URI and body digest: {@link #httpPurpose}; a data-port login to one node: {@link
 * #loginPurpose}), so a token is good for that request only. {@link #verify} checks the signature
 * in constant time and that the time is within {@link #MAX_SKEW_MILLIS} of the verifier's clock;
 * the verifier also refuses a nonce it has seen, so a recorded token cannot be replayed. {@link
 * #toString()} never shows the secret.
 */
public final class ClusterCredential {
    /** Tokens older or newer than this (clock skew between machines included) are refused. */
    public static final long MAX_SKEW_MILLIS = 300_000;

    /** The shortest secret accepted, in characters. */
    public static final int MIN_SECRET_CHARS = 16;

    /**
     * The scheme of the {@code Authorization} header members send: {@code Authorization:
     * DolphinNode <token>}.
     */
    public static final String HTTP_SCHEME = "DolphinNode";

    private static final String VERSION = "v1";
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /**
     * One initialised HMAC per thread: looking the algorithm up and keying it for every token made
     * or checked was a tenth of what a controller's leader allocated per write.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(ClusterCredential::newSha256);

    private ClusterCredential(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException(
                    "a cluster secret of at least " + MIN_SECRET_CHARS + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * A credential from the secret's text; an {@link IllegalArgumentException} when it is shorter
     * than {@value #MIN_SECRET_CHARS}.
     */
    public static ClusterCredential of(String secret) {
        return new ClusterCredential(secret);
    }

    /**
     * Reads the secret from {@code file} (its text without surrounding white space).
     *
     * @throws IOException when the file is missing or unreadable
     * @throws IllegalArgumentException when its content is too short to be a secret
     */
    public static ClusterCredential read(Path file) throws IOException {
        return of(Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    /**
     * A new random secret: 32 bytes, base64url (what {@code local-cluster.sh}, the test kit and the
     * operator write).
     */
    public static String generateSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The purpose of an HTTP request: method, URI as sent (path and query) and the SHA-256 of the
     * body.
     */
    public static String httpPurpose(String method, String uri, byte[] body) {
        return "http " + method + " " + uri + " " + digest(body == null ? new byte[0] : body);
    }

    /**
     * The purpose of a data-port login to node {@code target}: a token made for one node is refused
     * by the others.
     */
    public static String loginPurpose(String target) {
        return "login " + target;
    }

    /**
     * A fresh token for {@code node} (the signer's name, letters, digits, {@code _ . -}) and {@code
     * purpose}.
     */
    public String sign(String node, String purpose) {
        return sign(node, purpose, System.currentTimeMillis());
    }

    String sign(String node, String purpose, long nowMillis) {
        if (!NODE.matcher(node).matches())
            throw new IllegalArgumentException("not a node name: " + node);
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        String millis = Long.toString(nowMillis);
        return String.join(
                ":", VERSION, node, millis, nonce, signature(purpose, node, millis, nonce));
    }

    /**
     * The {@code Authorization} header value for an HTTP request by {@code node} ({@code uri}: path
     * and query as sent).
     */
    public String httpAuthorization(String node, String method, String uri, byte[] body) {
        return HTTP_SCHEME + " " + sign(node, httpPurpose(method, uri, body));
    }

    /**
     * The {@code Authorization} header value for an HTTP request by {@code node} to {@code url}.
     */
    public String httpAuthorization(String node, String method, java.net.URI url, byte[] body) {
        String query = url.getRawQuery();
        String path =
                url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return httpAuthorization(node, method, query == null ? path : path + "?" + query, body);
    }

    /**
     * The token's facts when it was made with this secret for {@code purpose} within {@link
     * #MAX_SKEW_MILLIS} of {@code nowMillis}; empty otherwise (malformed, another secret or
     * purpose, too old or too new).
     */
    public Optional<Token> verify(String token, String purpose, long nowMillis) {
        if (token == null || token.length() > 512) return Optional.empty();
        String[] parts = token.split(":", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !NODE.matcher(parts[1]).matches())
            return Optional.empty();
        long millis;
        try {
            millis = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (parts[3].isEmpty() || parts[3].length() > 64) return Optional.empty();
        byte[] expected =
                signature(purpose, parts[1], parts[2], parts[3])
                        .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[4].getBytes(StandardCharsets.US_ASCII)))
            return Optional.empty();
        if (Math.abs(nowMillis - millis) > MAX_SKEW_MILLIS) return Optional.empty();
        return Optional.of(new Token(parts[1], millis, parts[3]));
    }

    /** What a valid token says: who made it, when, and its nonce (to refuse a replay). */
    public record Token(String node, long millis, String nonce) {}

    private String signature(String purpose, String node, String millis, String nonce) {
        String text = "dolphin-node-v1\n" + purpose + "\n" + node + "\n" + millis + "\n" + nonce;
        // doFinal leaves the Mac reset, keyed, for the thread's next token.
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) { // part of every Java 17 runtime
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) { // part of every Java 17 runtime
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String digest(byte[] body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(SHA256.get().digest(body));
    }

    @Override
    public String toString() {
        return "ClusterCredential[secret hidden]";
    }
}

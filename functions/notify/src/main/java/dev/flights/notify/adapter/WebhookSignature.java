package dev.flights.notify.adapter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Signature-256} header of a webhook request, {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">} under the shared secret (Stripe's scheme): a receiver can tell the request came from us, was
 * not changed on the way, and was signed less than {@link #TOLERANCE} ago, so a captured request cannot be replayed
 * later. Public so that a Java receiver can check it with the same code; receivers in other languages follow the
 * scheme. Keys other than {@code t} and {@code v1} are ignored, and any one {@code v1} may match, so that a later
 * scheme or a second secret during rotation can be added without breaking receivers.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Signature-256";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");

    /** What checking a request came to; anything but VALID is to be refused. */
    public enum Verdict {
        VALID, MALFORMED, MISMATCH, STALE
    }

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value for a body sent at {@code at}. */
    public String sign(Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(t, body));
    }

    /** Checks a received header against the raw body, at the receiver's {@code now}; a null header is MALFORMED. */
    public Verdict verify(String header, byte[] body, Instant now) {
        String t = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header == null ? new String[0] : header.split(",")) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq).trim();
            String value = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (name.equals("t")) {
                t = value;
            } else if (name.equals("v1") && !value.isEmpty()) {
                signatures.add(value);
            }
        }
        if (t == null || !UNIX_SECONDS.matcher(t).matches() || signatures.isEmpty()) {
            return Verdict.MALFORMED;
        }
        byte[] expected = HexFormat.of().formatHex(mac(Long.parseLong(t), body)).getBytes(StandardCharsets.US_ASCII);
        boolean matches = signatures.stream()
                .anyMatch(s -> MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.US_ASCII)));
        if (!matches) {
            return Verdict.MISMATCH;
        }
        // either way: a clock far ahead must not let a signature live longer than the tolerance
        Duration age = Duration.between(Instant.ofEpochSecond(Long.parseLong(t)), now).abs();
        return age.compareTo(TOLERANCE) > 0 ? Verdict.STALE : Verdict.VALID;
    }

    private byte[] mac(long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is not thread-safe: one per request
            mac.init(key);
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[HmacSHA256]";
    }
}

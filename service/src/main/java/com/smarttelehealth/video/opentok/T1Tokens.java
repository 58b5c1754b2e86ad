package com.smarttelehealth.video.opentok;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.smarttelehealth.video.provider.TokenSpec;

/**
 * Signs client tokens in the format of the OpenTok Java SDK 4.9.0 ({@code Session.generateToken}):
 * {@code "T1==" + base64("partner_id=<key>&sig=<hex HMAC-SHA1(secret, data)>:<data>")}, with {@code +} and
 * {@code /} written as {@code -} and {@code _}, and {@code data} the form-encoded fields in the SDK's order.
 * {@code T1TokensTest} checks that, for the same creation time and nonce, a token is the SDK's to the byte.
 * <p>
 * The SDK's own method is written for a few tokens: it formats the signature's hex digits one by one with
 * {@link java.util.Formatter}, looks up and keys a new {@link Mac} for each token, and decodes the session id
 * with regular expressions; that was a fifth of a token request's CPU. This keeps one keyed {@link Mac} per
 * thread and applies the SDK's rules unchanged: the session id must name the project's API key, the expiry
 * lies in the next 30 days, and the connection data has at most 1,000 characters.
 */
final class T1Tokens {

    static final int MAX_CONNECTION_DATA = 1000;
    static final long MAX_LIFETIME_SECONDS = 30L * 24 * 60 * 60;
    private static final String HMAC_SHA1 = "HmacSHA1";
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder();

    private final String apiKeyText;
    private final ThreadLocal<Mac> macs;

    T1Tokens(int apiKey, String apiSecret) {
        if (apiSecret == null || apiSecret.isEmpty()) {
            throw new IllegalStateException("opentok.api-secret is empty");
        }
        this.apiKeyText = Integer.toString(apiKey);
        SecretKeySpec key = new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), HMAC_SHA1);
        newMac(key); // fails here, at start, rather than on the first token
        this.macs = ThreadLocal.withInitial(() -> newMac(key));
    }

    /** A token made now, with a random nonce. */
    String sign(TokenSpec spec) {
        return sign(spec, Instant.now().getEpochSecond(), ThreadLocalRandom.current().nextInt());
    }

    /** A token as the SDK makes it at {@code createTime} (epoch seconds) with {@code nonce}. */
    String sign(TokenSpec spec, long createTime, int nonce) {
        requireOwnSession(spec.sessionId());
        long expireTime = spec.expiresAt().getEpochSecond();
        if (expireTime < createTime || expireTime > createTime + MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("A token expires within 30 days of its creation");
        }
        StringBuilder data = new StringBuilder(256)
                .append("session_id=").append(spec.sessionId())
                .append("&create_time=").append(createTime)
                .append("&nonce=").append(nonce)
                .append("&role=").append(spec.role().value());
        List<String> layoutClasses = spec.layoutClasses();
        if (layoutClasses != null && !layoutClasses.isEmpty()) {
            // as the SDK does, joined with spaces and not encoded: our layout classes are [A-Za-z0-9_-]
            data.append("&initial_layout_class_list=").append(String.join(" ", layoutClasses));
        }
        data.append("&expire_time=").append(expireTime);
        String connectionData = spec.connectionData();
        if (connectionData != null) {
            if (connectionData.length() > MAX_CONNECTION_DATA) {
                throw new IllegalArgumentException("Connection data must be at most 1000 characters");
            }
            data.append("&connection_data=").append(URLEncoder.encode(connectionData, StandardCharsets.UTF_8));
        }
        byte[] dataBytes = data.toString().getBytes(StandardCharsets.UTF_8);
        String signature = HEX.formatHex(macs.get().doFinal(dataBytes));
        byte[] inner = new StringBuilder(dataBytes.length + 80)
                .append("partner_id=").append(apiKeyText)
                .append("&sig=").append(signature)
                .append(':').append(data)
                .toString().getBytes(StandardCharsets.UTF_8);
        return "T1==" + BASE64_URL.encodeToString(inner);
    }

    /**
     * The SDK's check that a session id names this project: the part after {@code "1_"} is base64 (with
     * {@code -} and {@code _}) of {@code ~}-separated fields, one of which is the API key.
     */
    private void requireOwnSession(String sessionId) {
        if (sessionId == null || sessionId.length() < 3) {
            throw new IllegalArgumentException("Session ID was not valid");
        }
        for (String part : decodeSessionId(sessionId).split("~")) {
            if (part.equals(apiKeyText)) {
                return;
            }
        }
        throw new IllegalArgumentException("Session ID was not valid");
    }

    /** Decodes as leniently as the SDK's commons-codec: characters outside the alphabet and a lone last one are skipped. */
    private static String decodeSessionId(String sessionId) {
        StringBuilder base64 = new StringBuilder(sessionId.length());
        for (int i = 2; i < sessionId.length(); i++) {
            char c = sessionId.charAt(i);
            if (c == '-') {
                base64.append('+');
            } else if (c == '_') {
                base64.append('/');
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/') {
                base64.append(c);
            }
        }
        if (base64.length() % 4 == 1) {
            base64.setLength(base64.length() - 1);
        }
        return new String(Base64.getDecoder().decode(base64.toString()), StandardCharsets.UTF_8);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }
}

package com.smarttelehealth.video.invite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An invite's code: {@code <invite id, 32 hex digits>.<secret, 192 random bits in base64url>}. The id part says
 * which invite to read, so the secret is never looked up by value; only the secret's SHA-256 is stored, and it is
 * compared in constant time. Shown once, when the invite is made.
 */
record InviteCode(UUID inviteId, String secret) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 24;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}\\.[A-Za-z0-9_-]{32}");
    /** What an unknown invite's secret is compared with, so that it takes as long as a known one's. */
    private static final byte[] NO_HASH = new byte[32];

    static InviteCode generate() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new InviteCode(UUID.randomUUID(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The code a client sent; empty when it cannot be one of ours (then it is as unknown as any other). */
    static Optional<InviteCode> parse(String code) {
        if (code == null || !FORMAT.matcher(code).matches()) {
            return Optional.empty();
        }
        String hex = code.substring(0, 32);
        UUID id = new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
        return Optional.of(new InviteCode(id, code.substring(33)));
    }

    /** What the guest gets: the whole code. */
    String value() {
        return inviteId.toString().replace("-", "") + "." + secret;
    }

    byte[] secretHash() {
        return sha256(secret);
    }

    /** Whether this code's secret is the one whose hash was stored; null (no such invite) never matches. */
    boolean matches(byte[] storedHash) {
        boolean known = storedHash != null;
        boolean equal = MessageDigest.isEqual(secretHash(), known ? storedHash : NO_HASH);
        return known && equal;
    }

    /** Never the secret, should a code end up in a log line. */
    @Override
    public String toString() {
        return "InviteCode[" + inviteId + "]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

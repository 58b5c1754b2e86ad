package com.smarttelehealth.video.opentok;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.opentok.OpenTok;
import com.opentok.Role;
import com.opentok.TokenOptions;
import com.smarttelehealth.video.provider.ClientRole;
import com.smarttelehealth.video.provider.TokenSpec;

/**
 * Our signer against the SDK 4.9.0 it replaces on the token path: the SDK picks the creation time and the
 * nonce itself, so each case reads them back from the SDK's token and signs with them; the two tokens must
 * then be the same string. The SDK is only built here, never asked over the network.
 */
class T1TokensTest {

    private static final int API_KEY = 4711;
    private static final String SECRET = "0123456789abcdef0123456789abcdef01234567";
    private static final String SESSION = "1_" + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(("1~" + API_KEY + "~127.0.0.1~Mon Nov 30 10:00:00 UTC 2026~0.4242~").getBytes(StandardCharsets.UTF_8));

    private final OpenTok sdk = new OpenTok.Builder(API_KEY, SECRET).build();
    private final T1Tokens tokens = new T1Tokens(API_KEY, SECRET);

    @Test
    void isTheSdksTokenToTheByte() throws Exception {
        Instant expiresAt = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        String data = "{\"userId\":\"pat-1\",\"displayName\":\"Zoë O'Brien & Söhne +1/2 ~ 100%\",\"role\":\"patient\"}";
        for (ClientRole role : ClientRole.values()) {
            assertSame(new TokenSpec(SESSION, role, expiresAt, data, null));
            assertSame(new TokenSpec(SESSION, role, expiresAt, data, List.of("focus", "full-width_1")));
        }
        assertSame(new TokenSpec(SESSION, ClientRole.PUBLISHER, expiresAt, null, List.of()));
        assertSame(new TokenSpec(SESSION, ClientRole.PUBLISHER, Instant.now().plusSeconds(T1Tokens.MAX_LIFETIME_SECONDS - 5)
                .truncatedTo(ChronoUnit.SECONDS), "x".repeat(T1Tokens.MAX_CONNECTION_DATA), null));
    }

    @Test
    void eachTokenHasItsOwnNonceAndASignatureOverItsData() throws Exception {
        TokenSpec spec = new TokenSpec(SESSION, ClientRole.MODERATOR, Instant.now().plusSeconds(60), "{}", null);
        String first = tokens.sign(spec);
        String second = tokens.sign(spec);
        assertNotEquals(first, second);
        Map<String, String> fields = fields(first);
        assertEquals(Integer.toString(API_KEY), fields.get("partner_id"));
        assertEquals(SESSION, fields.get("session_id"));
        assertEquals("moderator", fields.get("role"));
        assertEquals("{}", fields.get("connection_data"));
        assertTrue(first.startsWith("T1=="));
    }

    @Test
    void refusesWhatTheSdkRefuses() {
        Instant in1h = Instant.now().plusSeconds(3600);
        String otherProject = "1_" + Base64.getUrlEncoder().encodeToString("1~999~x~y~z~".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class,
                () -> tokens.sign(new TokenSpec(otherProject, ClientRole.PUBLISHER, in1h, null, null)));
        assertThrows(IllegalArgumentException.class,
                () -> tokens.sign(new TokenSpec("1_", ClientRole.PUBLISHER, in1h, null, null)));
        assertThrows(IllegalArgumentException.class,
                () -> tokens.sign(new TokenSpec(SESSION, ClientRole.PUBLISHER, Instant.now().minusSeconds(5), null, null)));
        assertThrows(IllegalArgumentException.class, () -> tokens.sign(new TokenSpec(SESSION, ClientRole.PUBLISHER,
                Instant.now().plusSeconds(T1Tokens.MAX_LIFETIME_SECONDS + 60), null, null)));
        assertThrows(IllegalArgumentException.class, () -> tokens.sign(new TokenSpec(SESSION, ClientRole.PUBLISHER, in1h,
                "x".repeat(T1Tokens.MAX_CONNECTION_DATA + 1), null)));
        assertThrows(IllegalStateException.class, () -> new T1Tokens(API_KEY, ""));
    }

    private void assertSame(TokenSpec spec) throws Exception {
        TokenOptions.Builder options = new TokenOptions.Builder().role(Role.valueOf(spec.role().name()))
                .expireTime(spec.expiresAt().getEpochSecond());
        if (spec.connectionData() != null) {
            options.data(spec.connectionData());
        }
        if (spec.layoutClasses() != null && !spec.layoutClasses().isEmpty()) {
            options.initialLayoutClassList(spec.layoutClasses());
        }
        String expected = sdk.generateToken(spec.sessionId(), options.build());
        Map<String, String> fields = fields(expected);
        String actual = tokens.sign(spec, Long.parseLong(fields.get("create_time")), Integer.parseInt(fields.get("nonce")));
        assertEquals(expected, actual);
    }

    /** The token's fields: partner_id and sig, then the signed data's, form-decoded. */
    private static Map<String, String> fields(String token) {
        String inner = new String(Base64.getUrlDecoder().decode(token.substring(4)), StandardCharsets.UTF_8);
        int colon = inner.indexOf(':');
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : (inner.substring(0, colon) + "&" + inner.substring(colon + 1)).split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }
}

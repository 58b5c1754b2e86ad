package com.smarttelehealth.video.invite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The code's rules: enough entropy, read back as written, compared by hash, never shown in a log line. */
class InviteCodeTest {

    @Test
    void aCodeNamesItsInviteAndCarries192RandomBits() {
        InviteCode code = InviteCode.generate();
        String value = code.value();
        assertTrue(value.matches("[0-9a-f]{32}\\.[A-Za-z0-9_-]{32}"), value);
        assertEquals(24, Base64.getUrlDecoder().decode(value.substring(33)).length, "192 bits, over the 128 asked");
        assertEquals(Optional.of(code), InviteCode.parse(value));
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(InviteCode.generate().secret());
        }
        assertEquals(1000, secrets.size());
    }

    @Test
    void onlyTheRightSecretMatchesItsStoredHash() {
        InviteCode code = InviteCode.generate();
        byte[] stored = code.secretHash();
        assertEquals(32, stored.length);
        assertNotEquals(code.secret(), new String(stored));
        assertTrue(InviteCode.parse(code.value()).orElseThrow().matches(stored));
        String otherSecret = code.value().substring(0, 33) + InviteCode.generate().secret();
        assertFalse(InviteCode.parse(otherSecret).orElseThrow().matches(stored));
        assertFalse(code.matches(null), "no invite, no match");
    }

    @Test
    void whatIsNotACodeIsNoCodeAndACodeIsNeverPrinted() {
        for (String text : new String[] { null, "", "abc", "0123456789ABCDEF0123456789abcdef." + "A".repeat(32),
                "0123456789abcdef0123456789abcdef" + "A".repeat(33), "0123456789abcdef0123456789abcdef." + "A".repeat(31),
                "0123456789abcdef0123456789abcdef." + "A".repeat(31) + "=" }) {
            assertEquals(Optional.empty(), InviteCode.parse(text), String.valueOf(text));
        }
        InviteCode code = InviteCode.generate();
        assertFalse(code.toString().contains(code.secret()));
    }
}

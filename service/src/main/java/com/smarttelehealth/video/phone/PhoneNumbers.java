package com.smarttelehealth.video.phone;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a phone call dials, from the contract's {@code to}: an E.164 number put into the gateway's URI template, or
 * a SIP URI at that same gateway (a URI elsewhere would send the gateway's credentials, and the clinic's calls,
 * anywhere). A number is PHI: what is shown, stored and logged is its masked form, the last 4 digits only.
 */
final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern SIP = Pattern.compile("(sips?):([^@\\s;?]+)@([^\\s;?>]+)([;?][^\\s]*)?",
            Pattern.CASE_INSENSITIVE);

    /** The dial's URI, and how the number may be shown. */
    record Target(String uri, String masked) {

        /** Never the number. */
        @Override
        public String toString() {
            return "Target[" + masked + "]";
        }
    }

    private PhoneNumbers() {
    }

    /** The gateway's host, when {@code template} is a usable {@code sip:}/{@code sips:} template with {@code {number}}. */
    static Optional<String> gatewayHost(String template) {
        if (template == null || !template.contains("{number}")) {
            return Optional.empty();
        }
        Matcher uri = SIP.matcher(template.replace("{number}", "0"));
        return uri.matches() ? Optional.of(uri.group(3).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** Whether the template asks for encrypted signalling: a {@code sips:} URI, or TLS transport. */
    static boolean secure(String template) {
        String lower = template.toLowerCase(Locale.ROOT);
        return lower.startsWith("sips:") || lower.contains("transport=tls");
    }

    /** The target of {@code to}; empty when it is neither an E.164 number nor a SIP URI at the gateway. */
    static Optional<Target> target(String to, String template) {
        if (to == null) {
            return Optional.empty();
        }
        if (E164.matcher(to).matches()) {
            return Optional.of(new Target(template.replace("{number}", to), mask(to)));
        }
        Matcher uri = SIP.matcher(to);
        Optional<String> gateway = gatewayHost(template);
        if (uri.matches() && gateway.isPresent() && uri.group(3).toLowerCase(Locale.ROOT).equals(gateway.get())) {
            return Optional.of(new Target(to, uri.group(1).toLowerCase(Locale.ROOT) + ":" + mask(uri.group(2)) + "@"
                    + uri.group(3)));
        }
        return Optional.empty();
    }

    /** {@code ***4567}: the last 4 digits (or characters, for a name), nothing before them. */
    static String mask(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        String shown = digits.length() >= 4 ? digits.substring(digits.length() - 4)
                : number.length() > 4 ? number.substring(number.length() - 4) : "";
        return "***" + shown;
    }
}

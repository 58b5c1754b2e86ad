package com.smarttelehealth.video.broadcast;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of an RTMP server URL may be kept, shown and logged. Stream keys often sit in that URL: in its path after
 * the application's name ({@code rtmp://live.example/app/KEY}), in its query, or as a user and password. The
 * provider gets the URL as given; we keep and show it with everything past the application's name masked, and
 * log only its scheme and host.
 */
public final class RtmpUrls {

    /** scheme, then {@code user@} (dropped), then host[:port], then the path's first segment, then the rest. */
    private static final Pattern URL = Pattern.compile(
            "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:[^@/?#]*@)?(?<host>[^/?#@]*)(?:/(?<app>[^/?#]*))?(?<rest>.*)",
            Pattern.DOTALL);
    static final String MASK = "****";

    private RtmpUrls() {
    }

    /** {@code rtmps://host[:port]}: all a log line says of the URL. */
    public static String hostOf(String url) {
        Matcher m = matcher(url);
        return m == null ? MASK : m.group("scheme").toLowerCase(Locale.ROOT) + "://" + m.group("host");
    }

    /** The URL as we keep and show it: scheme, host, port and application name; anything after them masked. */
    public static String redacted(String url) {
        Matcher m = matcher(url);
        if (m == null) {
            return MASK;
        }
        String app = m.group("app");
        String rest = m.group("rest");
        StringBuilder kept = new StringBuilder(hostOf(url));
        if (app != null) {
            kept.append('/').append(app);
        }
        if (rest != null && !rest.isEmpty() && !rest.equals("/")) {
            kept.append('/').append(MASK);
        }
        return kept.toString();
    }

    private static Matcher matcher(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = URL.matcher(url.strip());
        return m.matches() ? m : null;
    }
}

package com.smarttelehealth.video.common.observability;

/** Makes a value that came from outside safe to put in a log line: no control characters, bounded length. */
public final class Logs {

    private static final int MAX = 80;

    private Logs() {
    }

    public static String safe(String value) {
        if (value == null) {
            return "null";
        }
        String cleaned = value.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > MAX ? cleaned.substring(0, MAX) + "..." : cleaned;
    }
}

package com.smarttelehealth.video.common.persistence;

import java.util.Locale;

/** Enums spelled as their lowercase names, the way the contract and the schema spell them. */
public final class LowercaseEnums {

    private LowercaseEnums() {
    }

    /**
     * Parses an enum in any case: an input (an unknown value fails JSON binding and answers 400 with the field),
     * or a stored value.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    }
}

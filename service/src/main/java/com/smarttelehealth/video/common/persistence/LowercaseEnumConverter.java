package com.smarttelehealth.video.common.persistence;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/** Stores an enum as its lowercase name, the way the contract and the schema spell it. */
public abstract class LowercaseEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowercaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String value) {
        return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }

    /** Parses an input enum in any case; an unknown value fails JSON binding and answers 400 with the field. */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    }
}

package com.smarttelehealth.video.common.web;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ?page=0&size=20}: page from 0, size 1..100. Both arrive as text so that a non-number
 * answers 400 {@code validation-failed} instead of the JAX-RS default 404.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static PageRequest of(String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = parse("page", page, 0, 0, 1_000_000, errors);
        int pageSize = parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new PageRequest(pageNumber, pageSize);
    }

    public int offset() {
        return page * size;
    }

    private static int parse(String name, String text, int defaultValue, int min, int max, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                errors.add(new FieldError(name, "must be between " + min + " and " + max));
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be a whole number"));
            return defaultValue;
        }
    }
}

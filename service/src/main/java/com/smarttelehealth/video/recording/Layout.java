package com.smarttelehealth.video.recording;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.smarttelehealth.video.common.web.FieldError;


/** A composition layout: a type, and a CSS stylesheet for (and only for) the custom type. */
public record Layout(@NotNull LayoutType type, @Size(max = 10_000) String stylesheet) {

    public static final Layout BEST_FIT = new Layout(LayoutType.BEST_FIT, null);

    /** The rule linking the two fields, reported under {@code prefix}. */
    public List<FieldError> errors(String prefix) {
        List<FieldError> errors = new ArrayList<>();
        boolean hasStylesheet = stylesheet != null && !stylesheet.isBlank();
        if (type == LayoutType.CUSTOM && !hasStylesheet) {
            errors.add(new FieldError(prefix + "stylesheet", "is required for the custom layout"));
        }
        if (type != null && type != LayoutType.CUSTOM && hasStylesheet) {
            errors.add(new FieldError(prefix + "stylesheet", "is only allowed with the custom layout"));
        }
        return errors;
    }

    public String stylesheetOrNull() {
        return type == LayoutType.CUSTOM ? stylesheet : null;
    }
}

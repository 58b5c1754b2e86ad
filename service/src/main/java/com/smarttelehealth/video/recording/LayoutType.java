package com.smarttelehealth.video.recording;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a composed recording or a broadcast arranges the streams; the values are OpenTok's. */
public enum LayoutType {
    BEST_FIT("bestFit"),
    PIP("pip"),
    VERTICAL_PRESENTATION("verticalPresentation"),
    HORIZONTAL_PRESENTATION("horizontalPresentation"),
    CUSTOM("custom");

    private final String value;

    LayoutType(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static LayoutType of(String value) {
        for (LayoutType type : values()) {
            if (type.value.equalsIgnoreCase(value.strip()) || type.name().equalsIgnoreCase(value.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown layout type");
    }
}

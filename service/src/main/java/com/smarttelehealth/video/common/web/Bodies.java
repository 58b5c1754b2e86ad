package com.smarttelehealth.video.common.web;

/** Small checks shared by the resources for request bodies. */
public final class Bodies {

    private Bodies() {
    }

    /** A required JSON body that is absent (empty request) answers 400 malformed-request. */
    public static <T> T required(T body) {
        if (body == null) {
            throw ApiException.malformed("A JSON body is required.");
        }
        return body;
    }
}

package com.smarttelehealth.video.common.web;

/** The {@code outcome} tag of the service's counters: {@code success}, {@code rejected} or {@code error}. */
public final class Outcomes {

    private Outcomes() {
    }

    /** A client's mistake or a refusal is {@code rejected}; anything else that failed is {@code error}. */
    public static String of(Throwable failure) {
        return failure instanceof ApiException api && api.type().status() < 500 ? "rejected" : "error";
    }
}

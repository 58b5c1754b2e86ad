package com.smarttelehealth.video.common.web;

/** One invalid field of a request: its JSON path (or query parameter name) and what is wrong. */
public record FieldError(String field, String message) {
}

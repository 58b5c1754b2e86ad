package com.smarttelehealth.video.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who a connection is: the connection data our tokens carry ({@code {"userId", "displayName", "role"}}).
 * Data that is not ours (another token issuer, a malformed string) reads as unknown.
 */
public record ConnectionData(String userId, String displayName, String role) {

    public static final ConnectionData UNKNOWN = new ConnectionData(null, null, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ConnectionData parse(String data) {
        if (data == null || data.isBlank() || data.length() > 1000) {
            return UNKNOWN;
        }
        try {
            JsonNode node = JSON.readTree(data);
            if (!node.isObject()) {
                return UNKNOWN;
            }
            return new ConnectionData(text(node, "userId", 64), text(node, "displayName", 120), role(text(node, "role", 16)));
        } catch (Exception e) {
            return UNKNOWN;
        }
    }

    private static String text(JsonNode node, String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        String text = value.asText();
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static String role(String role) {
        return role != null && (role.equals("provider") || role.equals("patient") || role.equals("observer")) ? role : null;
    }
}

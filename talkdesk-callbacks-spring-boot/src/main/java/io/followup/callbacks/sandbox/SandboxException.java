package io.followup.callbacks.sandbox;

import java.util.List;
import java.util.Map;

/** An error answer of the sandbox, in Talkdesk's error shape. */
class SandboxException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<Map<String, String>> fields;

    SandboxException(int status, String code, String message, List<Map<String, String>> fields) {
        super(message);
        this.status = status;
        this.code = code;
        this.fields = fields;
    }

    SandboxException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return Map.of("code", code, "message", getMessage(), "description", getMessage(), "fields", fields);
    }
}

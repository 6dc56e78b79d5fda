package io.kessai.center.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The error every endpoint answers with: {@code {"error": {"code": ..., "message": ..., "field": ...}}}.
 *
 * @param code stable snake_case code a program can switch on
 * @param message a sentence a person can act on; never card data, never a stack trace
 * @param field the request field at fault ({@code link.port}, {@code issuerCodes[2]}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, String field) {
    public ApiError {
        if (code == null || !code.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("error code must be snake_case, got " + code);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("error message must not be empty");
        }
        message = CardDataRedactor.redact(message);
    }

    /** The JSON document around the error. */
    public record Body(ApiError error) {}

    public Body asBody() {
        return new Body(this);
    }
}

package io.kessai.center.http;

/**
 * Ends a request with an {@link ApiError}. Thrown by handlers and helpers; the server turns it into the
 * JSON error model. It carries no stack trace: it is an answer, not a fault.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MIN_ERROR_STATUS = 400;
    private static final int MAX_ERROR_STATUS = 599;

    private final int status;
    private final transient ApiError error;

    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        if (status < MIN_ERROR_STATUS || status > MAX_ERROR_STATUS) {
            throw new IllegalArgumentException("an API error needs a 4xx or 5xx status, got " + status);
        }
        this.status = status;
        this.error = new ApiError(code, message, field);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public static ApiException badRequest(String code, String message, String field) {
        return new ApiException(HttpStatusCodes.BAD_REQUEST, code, message, field);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatusCodes.NOT_FOUND, "not_found", message);
    }
}

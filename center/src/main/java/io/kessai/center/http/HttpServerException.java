package io.kessai.center.http;

/** The HTTPS server could not be set up or started; the message says which file or setting and why. */
public final class HttpServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HttpServerException(String message, Throwable cause) {
        super(message, cause);
    }

    public HttpServerException(String message) {
        super(message);
    }
}

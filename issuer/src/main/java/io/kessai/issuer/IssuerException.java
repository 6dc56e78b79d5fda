package io.kessai.issuer;

/**
 * The issuer host cannot start or do what was asked: a bad accounts file, a key that differs from the
 * stored one, a data directory in use. One sentence a person can act on; never card data or keys.
 */
public final class IssuerException extends Exception {
    private static final long serialVersionUID = 1L;

    public IssuerException(String message) {
        super(message);
    }

    public IssuerException(String message, Throwable cause) {
        super(message, cause);
    }
}

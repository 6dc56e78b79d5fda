package io.kessai.issuer.decision;

/**
 * A request that lacks a field the issuer needs or carries one it cannot read: answered 30. The
 * message names the field, never its value (it may be card data).
 */
final class FormatError extends Exception {
    private static final long serialVersionUID = 1L;

    FormatError(String message) {
        super(message, null, false, false);
    }
}

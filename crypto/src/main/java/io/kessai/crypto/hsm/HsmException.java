package io.kessai.crypto.hsm;

/**
 * A refused HSM operation: unknown key name, wrong key type, unreadable or tampered key store,
 * a master key file others can read. The message names the key or file, never key material.
 */
public final class HsmException extends Exception {
    private static final long serialVersionUID = 1L;

    public HsmException(String message) {
        super(message);
    }

    public HsmException(String message, Throwable cause) {
        super(message, cause);
    }
}

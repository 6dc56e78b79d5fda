package io.kessai.issuer.account;

/**
 * The accounts file cannot be loaded; nothing was. The message names the file, the line and the
 * column, and never holds a full PAN or a PIN.
 */
public final class AccountsFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public AccountsFileException(String message) {
        super(message);
    }

    public AccountsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

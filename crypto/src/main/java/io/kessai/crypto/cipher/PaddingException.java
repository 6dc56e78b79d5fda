package io.kessai.crypto.cipher;

/** Padding that is not what the padding method produces; the message says where, never the data. */
public final class PaddingException extends Exception {
    public PaddingException(String message) {
        super(message);
    }
}

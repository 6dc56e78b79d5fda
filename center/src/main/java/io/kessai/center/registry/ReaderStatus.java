package io.kessai.center.registry;

/** A DISABLED reader's envelopes are refused (lost, stolen, replaced). */
public enum ReaderStatus {
    ACTIVE,
    DISABLED
}

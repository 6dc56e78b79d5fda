package io.kessai.crypto.hsm;

import java.time.Instant;

/**
 * A reader whose initial key was injected from a BDK of this key store: the audit trail of key
 * loading (PCI PIN: every key loaded into a device is recorded).
 *
 * @param initialKeyId hex of the reader's initial key ID: 8 bytes (AES) or the 10-byte KSN with counter 0 (TDES)
 * @param checkValue KCV of the reader's initial key, hex
 */
public record ReaderRecord(String serial, String bdkName, String initialKeyId, String checkValue, Instant injected) {}

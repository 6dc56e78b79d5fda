package io.kessai.crypto.hsm;

import java.time.Instant;

/**
 * What may be known about a stored key outside the HSM: its name, type, identifier and check value.
 *
 * @param keyId for a BDK the ID that KSNs carry (AES: 4 bytes, TDES: 5 bytes), in hex; empty otherwise
 * @param checkValue the KCV in hex (TDES: 3 bytes of E(0); AES: 5 bytes of CMAC(0), X9.24-1:2017)
 */
public record KeyInfo(String name, KeyType type, String keyId, String checkValue, Instant created) {}

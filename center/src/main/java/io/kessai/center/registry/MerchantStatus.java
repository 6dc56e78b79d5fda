package io.kessai.center.registry;

/** A SUSPENDED merchant's payments are refused before any issuer is asked. */
public enum MerchantStatus {
    ACTIVE,
    SUSPENDED
}

package io.kessai.issuer;

/**
 * A card account as it stands, for operators and tests: masked PAN only, money in minor units.
 *
 * @param pinFailures consecutive wrong PINs; 3 or more means the PIN is locked
 */
public record AccountView(
        String maskedPan, String status, String kind, String currency, long limitMinor, long heldMinor,
        long postedMinor, long openToBuyMinor, int pinFailures) {}

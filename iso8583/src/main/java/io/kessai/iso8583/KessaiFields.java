package io.kessai.iso8583;

import static io.kessai.iso8583.FieldDefinition.fixed;
import static io.kessai.iso8583.FieldDefinition.llvar;
import static io.kessai.iso8583.FieldDefinition.lllvar;
import static io.kessai.iso8583.FieldType.AN;
import static io.kessai.iso8583.FieldType.ANS;
import static io.kessai.iso8583.FieldType.B;
import static io.kessai.iso8583.FieldType.N;
import static io.kessai.iso8583.FieldType.XN;
import static io.kessai.iso8583.FieldType.Z;

import java.util.List;

/**
 * The Kessai dialect's table: ISO 8583:1987 formats as jPOS's ISO87APackager writes them (ASCII
 * numerics and length prefixes, binary fields as hex digits), so a standard 1987 ASCII peer reads it.
 *
 * <p>Where 1987 leaves a field to the network, Kessai's choice is marked "Kessai:" and explained in
 * docs/protocol/iso8583.md. Types follow the 1987 text where jPOS does not type a field (its IF_CHAR
 * is an or ans here); lengths follow jPOS, which differs from some printed 1987 tables in DE 93 (6)
 * and DE 96 (16 bytes).
 */
final class KessaiFields {
    /** Fields 105–127 that 1987 reserves and Kessai leaves as plain LLLVAR ans..999. */
    private static final int RESERVED_MAX = 999;

    private KessaiFields() {}

    static List<FieldDefinition> all() {
        return List.of(
                llvar(2, N, 19, "Primary account number").withSensitivity(Sensitivity.PAN),
                fixed(3, N, 6, "Processing code"),
                fixed(4, N, 12, "Amount, transaction"),
                fixed(5, N, 12, "Amount, settlement"),
                fixed(6, N, 12, "Amount, cardholder billing"),
                fixed(7, N, 10, "Transmission date and time"),
                fixed(8, N, 8, "Amount, cardholder billing fee"),
                fixed(9, N, 8, "Conversion rate, settlement"),
                fixed(10, N, 8, "Conversion rate, cardholder billing"),
                fixed(11, N, 6, "System trace audit number"),
                fixed(12, N, 6, "Time, local transaction"),
                fixed(13, N, 4, "Date, local transaction"),
                fixed(14, N, 4, "Date, expiration"),
                fixed(15, N, 4, "Date, settlement"),
                fixed(16, N, 4, "Date, conversion"),
                fixed(17, N, 4, "Date, capture"),
                fixed(18, N, 4, "Merchant type"),
                fixed(19, N, 3, "Acquiring institution country code"),
                fixed(20, N, 3, "PAN extended, country code"),
                fixed(21, N, 3, "Forwarding institution country code"),
                fixed(22, N, 3, "Point of service entry mode"),
                fixed(23, N, 3, "Card sequence number"),
                fixed(24, N, 3, "Network international identifier"),
                fixed(25, N, 2, "Point of service condition code"),
                fixed(26, N, 2, "Point of service PIN capture code"),
                fixed(27, N, 1, "Authorization identification response length"),
                fixed(28, XN, 8, "Amount, transaction fee"),
                fixed(29, XN, 8, "Amount, settlement fee"),
                fixed(30, XN, 8, "Amount, transaction processing fee"),
                fixed(31, XN, 8, "Amount, settlement processing fee"),
                llvar(32, N, 11, "Acquiring institution identification code"),
                llvar(33, N, 11, "Forwarding institution identification code"),
                llvar(34, ANS, 28, "Primary account number, extended").withSensitivity(Sensitivity.PAN),
                llvar(35, Z, 37, "Track 2 data").withSensitivity(Sensitivity.SECRET),
                lllvar(36, Z, 104, "Track 3 data").withSensitivity(Sensitivity.SECRET),
                fixed(37, AN, 12, "Retrieval reference number"),
                fixed(38, AN, 6, "Authorization identification response"),
                fixed(39, AN, 2, "Response code"),
                fixed(40, AN, 3, "Service restriction code"),
                fixed(41, ANS, 8, "Card acceptor terminal identification"),
                fixed(42, ANS, 15, "Card acceptor identification code"),
                fixed(43, ANS, 40, "Card acceptor name/location"),
                llvar(44, AN, 25, "Additional response data"),
                // Track 1 holds '^' and '/', so ans although printed 1987 tables say an.
                llvar(45, ANS, 76, "Track 1 data").withSensitivity(Sensitivity.SECRET),
                lllvar(46, ANS, 999, "Additional data, ISO"),
                lllvar(47, ANS, 999, "Additional data, national"),
                // Kessai: sub-elements tag n2, length n2, value (see kessai.AdditionalData).
                lllvar(48, ANS, 999, "Additional data, private"),
                fixed(49, AN, 3, "Currency code, transaction"),
                fixed(50, AN, 3, "Currency code, settlement"),
                fixed(51, AN, 3, "Currency code, cardholder billing"),
                // Kessai: 8-byte PIN block, ISO 9564 format 0 or 3 under a TDES zone PIN key.
                fixed(52, B, 8, "PIN data").withSensitivity(Sensitivity.SECRET),
                // Kessai: PIN block format, algorithm, zone PIN key index (see kessai.SecurityControl).
                fixed(53, N, 16, "Security related control information").withSensitivity(Sensitivity.SECRET),
                lllvar(54, AN, 120, "Additional amounts"),
                // Kessai: EMV BER-TLV as ISO 8583:1993 defines DE 55 (jPOS 87 reads it as LLLCHAR).
                lllvar(55, B, 255, "ICC system related data").withSensitivity(Sensitivity.ICC_DATA),
                lllvar(56, ANS, 999, "Reserved ISO"),
                lllvar(57, ANS, 999, "Reserved national"),
                lllvar(58, ANS, 999, "Reserved national"),
                lllvar(59, ANS, 999, "Reserved national"),
                lllvar(60, ANS, 999, "Reserved private"),
                lllvar(61, ANS, 999, "Reserved private"),
                lllvar(62, ANS, 999, "Reserved private"),
                lllvar(63, ANS, 999, "Reserved private"),
                fixed(64, B, 8, "Message authentication code"),
                fixed(65, B, 1, "Bitmap, extended"),
                fixed(66, N, 1, "Settlement code"),
                fixed(67, N, 2, "Extended payment code"),
                fixed(68, N, 3, "Receiving institution country code"),
                fixed(69, N, 3, "Settlement institution country code"),
                // Kessai: 001 sign-on, 002 sign-off, 101 key change, 301 echo test.
                fixed(70, N, 3, "Network management information code"),
                fixed(71, N, 4, "Message number"),
                fixed(72, N, 4, "Message number, last"),
                fixed(73, N, 6, "Date, action"),
                fixed(74, N, 10, "Credits, number"),
                fixed(75, N, 10, "Credits, reversal number"),
                fixed(76, N, 10, "Debits, number"),
                fixed(77, N, 10, "Debits, reversal number"),
                fixed(78, N, 10, "Transfer, number"),
                fixed(79, N, 10, "Transfer, reversal number"),
                fixed(80, N, 10, "Inquiries, number"),
                fixed(81, N, 10, "Authorizations, number"),
                fixed(82, N, 12, "Credits, processing fee amount"),
                fixed(83, N, 12, "Credits, transaction fee amount"),
                fixed(84, N, 12, "Debits, processing fee amount"),
                fixed(85, N, 12, "Debits, transaction fee amount"),
                fixed(86, N, 16, "Credits, amount"),
                fixed(87, N, 16, "Credits, reversal amount"),
                fixed(88, N, 16, "Debits, amount"),
                fixed(89, N, 16, "Debits, reversal amount"),
                // Kessai: MTI n4, STAN n6, DE 7 n10, acquirer n11, forwarder n11 (OriginalDataElements).
                fixed(90, N, 42, "Original data elements"),
                fixed(91, AN, 1, "File update code"),
                fixed(92, AN, 2, "File security code"),
                fixed(93, AN, 6, "Response indicator"),
                fixed(94, AN, 7, "Service indicator"),
                fixed(95, AN, 42, "Replacement amounts"),
                fixed(96, B, 16, "Message security code").withSensitivity(Sensitivity.SECRET),
                fixed(97, XN, 16, "Amount, net settlement"),
                fixed(98, ANS, 25, "Payee"),
                llvar(99, N, 11, "Settlement institution identification code"),
                llvar(100, N, 11, "Receiving institution identification code"),
                llvar(101, ANS, 17, "File name"),
                llvar(102, ANS, 28, "Account identification 1"),
                llvar(103, ANS, 28, "Account identification 2"),
                lllvar(104, ANS, 100, "Transaction description"),
                lllvar(105, ANS, RESERVED_MAX, "Reserved ISO"),
                lllvar(106, ANS, RESERVED_MAX, "Reserved ISO"),
                lllvar(107, ANS, RESERVED_MAX, "Reserved ISO"),
                lllvar(108, ANS, RESERVED_MAX, "Reserved ISO"),
                lllvar(109, ANS, RESERVED_MAX, "Reserved ISO"),
                // Kessai: the 16-byte ISO 9564 format 4 PIN block under an AES zone PIN key.
                lllvar(110, B, 16, "PIN data, AES (Kessai)").withSensitivity(Sensitivity.SECRET),
                lllvar(111, ANS, RESERVED_MAX, "Reserved ISO"),
                lllvar(112, ANS, RESERVED_MAX, "Reserved national"),
                lllvar(113, ANS, RESERVED_MAX, "Reserved national"),
                lllvar(114, ANS, RESERVED_MAX, "Reserved national"),
                lllvar(115, ANS, RESERVED_MAX, "Reserved national"),
                lllvar(116, ANS, RESERVED_MAX, "Reserved national"),
                lllvar(117, ANS, RESERVED_MAX, "Reserved national"),
                lllvar(118, ANS, RESERVED_MAX, "Reserved national"),
                lllvar(119, ANS, RESERVED_MAX, "Reserved national"),
                // Kessai: the new zone PIN key of a 0800 key change, as a TR-31 key block.
                lllvar(120, ANS, RESERVED_MAX, "Key management data (Kessai)").withSensitivity(Sensitivity.SECRET),
                lllvar(121, ANS, RESERVED_MAX, "Reserved private"),
                lllvar(122, ANS, RESERVED_MAX, "Reserved private"),
                lllvar(123, ANS, RESERVED_MAX, "Reserved private"),
                lllvar(124, ANS, RESERVED_MAX, "Reserved private"),
                lllvar(125, ANS, RESERVED_MAX, "Reserved private"),
                lllvar(126, ANS, RESERVED_MAX, "Reserved private"),
                lllvar(127, ANS, RESERVED_MAX, "Reserved private"),
                fixed(128, B, 8, "Message authentication code, secondary"));
    }

    /** Fields a response copies from its request: identify the transaction, never card secrets. */
    static int[] responseEchoFields() {
        return new int[] {
            DataElement.PAN, DataElement.PROCESSING_CODE, DataElement.AMOUNT_TRANSACTION,
            DataElement.TRANSMISSION_DATE_TIME, DataElement.STAN, DataElement.LOCAL_TIME, DataElement.LOCAL_DATE,
            DataElement.ACQUIRING_INSTITUTION_ID, DataElement.FORWARDING_INSTITUTION_ID,
            DataElement.RETRIEVAL_REFERENCE_NUMBER, DataElement.TERMINAL_ID, DataElement.CARD_ACCEPTOR_ID,
            DataElement.CURRENCY_CODE_TRANSACTION, DataElement.NETWORK_MANAGEMENT_CODE,
            DataElement.ORIGINAL_DATA_ELEMENTS
        };
    }
}

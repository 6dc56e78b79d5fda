package io.kessai.iso8583;

/** Names for the data element numbers Kessai's code refers to (ISO 8583:1987 numbering). */
public final class DataElement {
    public static final int PAN = 2;
    public static final int PROCESSING_CODE = 3;
    public static final int AMOUNT_TRANSACTION = 4;
    public static final int TRANSMISSION_DATE_TIME = 7;
    public static final int STAN = 11;
    public static final int LOCAL_TIME = 12;
    public static final int LOCAL_DATE = 13;
    public static final int EXPIRATION_DATE = 14;
    public static final int MERCHANT_TYPE = 18;
    public static final int POS_ENTRY_MODE = 22;
    public static final int CARD_SEQUENCE_NUMBER = 23;
    public static final int POS_CONDITION_CODE = 25;
    public static final int ACQUIRING_INSTITUTION_ID = 32;
    public static final int FORWARDING_INSTITUTION_ID = 33;
    public static final int TRACK_2 = 35;
    public static final int RETRIEVAL_REFERENCE_NUMBER = 37;
    public static final int AUTHORIZATION_ID_RESPONSE = 38;
    public static final int RESPONSE_CODE = 39;
    public static final int TERMINAL_ID = 41;
    public static final int CARD_ACCEPTOR_ID = 42;
    public static final int CARD_ACCEPTOR_NAME_LOCATION = 43;
    public static final int TRACK_1 = 45;
    public static final int ADDITIONAL_DATA_PRIVATE = 48;
    public static final int CURRENCY_CODE_TRANSACTION = 49;
    public static final int PIN_DATA = 52;
    public static final int SECURITY_CONTROL = 53;
    public static final int ICC_DATA = 55;
    public static final int MAC = 64;
    public static final int NETWORK_MANAGEMENT_CODE = 70;
    public static final int ORIGINAL_DATA_ELEMENTS = 90;
    public static final int MESSAGE_SECURITY_CODE = 96;
    /** Kessai: the 16-byte ISO 9564 format 4 PIN block, which does not fit DE 52. */
    public static final int PIN_DATA_AES = 110;
    /** Kessai: key management data (a TR-31 key block) of a 0800 key change. */
    public static final int KEY_MANAGEMENT_DATA = 120;
    public static final int MAC_SECONDARY = 128;

    private DataElement() {}
}

package io.kessai.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class DialectTest {
    /**
     * jPOS ISO87APackager, field by field ("kind length"), as published in jpos/jPOS
     * jpos/src/main/java/org/jpos/iso/packager/ISO87APackager.java. NUM = IFA_NUMERIC, CHAR =
     * IF_CHAR, AMOUNT = IFA_AMOUNT, BINARY = IFA_BINARY (hex), LLNUM/LLCHAR/LLLCHAR = IFA_ variants.
     */
    private static final String[] JPOS_87A = {
        "MTI 4", "BITMAP 16", "LLNUM 19", "NUM 6", "NUM 12", "NUM 12", "NUM 12", "NUM 10", "NUM 8", "NUM 8",
        "NUM 8", "NUM 6", "NUM 6", "NUM 4", "NUM 4", "NUM 4", "NUM 4", "NUM 4", "NUM 4", "NUM 3",
        "NUM 3", "NUM 3", "NUM 3", "NUM 3", "NUM 3", "NUM 2", "NUM 2", "NUM 1", "AMOUNT 9", "AMOUNT 9",
        "AMOUNT 9", "AMOUNT 9", "LLNUM 11", "LLNUM 11", "LLCHAR 28", "LLNUM 37", "LLLCHAR 104", "CHAR 12", "CHAR 6",
        "CHAR 2", "CHAR 3", "CHAR 8", "CHAR 15", "CHAR 40", "LLCHAR 25", "LLCHAR 76", "LLLCHAR 999", "LLLCHAR 999",
        "LLLCHAR 999", "CHAR 3", "CHAR 3", "CHAR 3", "BINARY 8", "NUM 16", "LLLCHAR 120", "LLLCHAR 999",
        "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999",
        "LLLCHAR 999", "BINARY 8", "BINARY 1", "NUM 1", "NUM 2", "NUM 3", "NUM 3", "NUM 3", "NUM 4", "NUM 4",
        "NUM 6", "NUM 10", "NUM 10", "NUM 10", "NUM 10", "NUM 10", "NUM 10", "NUM 10", "NUM 10", "NUM 12",
        "NUM 12", "NUM 12", "NUM 12", "NUM 16", "NUM 16", "NUM 16", "NUM 16", "NUM 42", "CHAR 1", "CHAR 2",
        "CHAR 6", "CHAR 7", "CHAR 42", "BINARY 16", "AMOUNT 17", "CHAR 25", "LLNUM 11", "LLNUM 11", "LLCHAR 17",
        "LLCHAR 28", "LLCHAR 28", "LLLCHAR 100", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999",
        "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999",
        "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999",
        "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "LLLCHAR 999", "BINARY 8"
    };

    @Test
    void kessai_defines_all_128_fields_as_a_jpos_iso87a_peer_reads_them() {
        assertThat(JPOS_87A).hasSize(FieldDefinition.LAST_DATA_ELEMENT + 1);
        Dialect kessai = Dialects.kessai();
        for (int field = FieldDefinition.FIRST_DATA_ELEMENT; field <= FieldDefinition.LAST_DATA_ELEMENT; field++) {
            FieldDefinition definition = kessai.field(field);
            String[] jpos = JPOS_87A[field].split(" ");
            int jposLength = Integer.parseInt(jpos[1]);
            String what = "DE " + field + " vs jPOS " + JPOS_87A[field];
            assertThat(definition.prefixEncoding()).as(what).isEqualTo(NumberEncoding.ASCII);
            switch (jpos[0]) {
                case "NUM" -> assertFixed(definition, EnumSet.of(FieldType.N), jposLength, what);
                case "CHAR" -> assertFixed(definition, EnumSet.of(FieldType.AN, FieldType.ANS), jposLength, what);
                case "AMOUNT" -> assertFixed(definition, EnumSet.of(FieldType.XN), jposLength - 1, what);
                case "BINARY" -> {
                    assertFixed(definition, EnumSet.of(FieldType.B), jposLength, what);
                    assertThat(definition.valueEncoding()).as(what).isEqualTo(ValueEncoding.HEX);
                }
                case "LLNUM" -> assertVariable(definition, LengthType.LLVAR, EnumSet.of(FieldType.N, FieldType.Z),
                        jposLength, what);
                case "LLCHAR" -> assertVariable(definition, LengthType.LLVAR, EnumSet.of(FieldType.AN, FieldType.ANS),
                        jposLength, what);
                case "LLLCHAR" -> {
                    assertThat(definition.lengthType()).as(what).isEqualTo(LengthType.LLLVAR);
                    // Kessai's binary LLLVAR fields (55, 110) are hex text to a jPOS peer: they must fit its 999.
                    assertThat(definition.maxUnits()).as(what).isLessThanOrEqualTo(jposLength);
                    if (definition.type() != FieldType.B) {
                        assertThat(definition.length()).as(what).isEqualTo(jposLength);
                    }
                }
                default -> throw new AssertionError(what);
            }
        }
    }

    private static void assertFixed(FieldDefinition definition, EnumSet<FieldType> types, int length, String what) {
        assertThat(definition.lengthType()).as(what).isEqualTo(LengthType.FIXED);
        assertThat(definition.type()).as(what).isIn(types);
        assertThat(definition.length()).as(what).isEqualTo(length);
    }

    private static void assertVariable(FieldDefinition definition, LengthType lengthType, EnumSet<FieldType> types,
            int length, String what) {
        assertThat(definition.lengthType()).as(what).isEqualTo(lengthType);
        assertThat(definition.type()).as(what).isIn(types);
        assertThat(definition.length()).as(what).isEqualTo(length);
    }

    @Test
    void card_data_and_key_material_are_marked_sensitive() {
        Dialect kessai = Dialects.kessai();
        assertThat(kessai.field(2).sensitivity()).isEqualTo(Sensitivity.PAN);
        assertThat(kessai.field(34).sensitivity()).isEqualTo(Sensitivity.PAN);
        assertThat(kessai.field(55).sensitivity()).isEqualTo(Sensitivity.ICC_DATA);
        for (int secret : new int[] {35, 36, 45, 52, 53, 96, 110, 120}) {
            assertThat(kessai.field(secret).sensitivity()).as("DE " + secret).isEqualTo(Sensitivity.SECRET);
        }
    }

    @Test
    void the_two_kessai_dialects_differ_only_in_the_bitmap() {
        Dialect hex = Dialects.kessai();
        Dialect binary = Dialects.kessai(BitmapEncoding.BINARY);

        assertThat(hex.bitmapEncoding()).isEqualTo(BitmapEncoding.HEX);
        assertThat(binary.bitmapEncoding()).isEqualTo(BitmapEncoding.BINARY);
        assertThat(binary.name()).isEqualTo("kessai-binary-bitmap");
        assertThat(Dialects.kessai(BitmapEncoding.HEX)).isSameAs(hex);
        assertThat(hex.withBitmapEncoding(BitmapEncoding.BINARY).name()).isEqualTo("kessai-binary-bitmap");
        for (int field = FieldDefinition.FIRST_DATA_ELEMENT; field <= FieldDefinition.LAST_DATA_ELEMENT; field++) {
            assertThat(binary.field(field)).isSameAs(hex.field(field));
        }
        assertThat(binary.responseEchoFields()).isEqualTo(hex.responseEchoFields());
    }

    @Test
    void definitions_refuse_what_cannot_be_encoded() {
        assertThatThrownBy(() -> FieldDefinition.fixed(1, FieldType.N, 4, "x"))
                .hasMessage("data element number must be 2..128, was 1");
        assertThatThrownBy(() -> FieldDefinition.llvar(44, FieldType.AN, 100, "x"))
                .hasMessage("DE 44: 100 units do not fit a LLVAR prefix (max 99)");
        assertThatThrownBy(() -> FieldDefinition.lllvar(55, FieldType.B, 500, "x"))
                .hasMessage("DE 55: 1000 units do not fit a LLLVAR prefix (max 999)");
        assertThatThrownBy(() -> FieldDefinition.llvar(28, FieldType.XN, 8, "x"))
                .hasMessage("DE 28: x+n fields are fixed length");
        assertThatThrownBy(() -> FieldDefinition.fixed(43, FieldType.ANS, 40, "x")
                .withEncoding(ValueEncoding.BCD, NumberEncoding.ASCII))
                .hasMessage("DE 43: ans cannot be encoded as BCD");
        assertThatThrownBy(() -> FieldDefinition.fixed(3, FieldType.N, 0, "x"))
                .hasMessage("DE 3: length must be 1..999, was 0");
        assertThat(FieldDefinition.lllvar(55, FieldType.B, 255, "x").withEncoding(ValueEncoding.RAW, NumberEncoding.BCD)
                .format()).isEqualTo("LLLVAR b..255");
    }

    @Test
    void builder_refuses_duplicates_and_unknown_echo_fields() {
        FieldDefinition amount = FieldDefinition.fixed(4, FieldType.N, 12, "Amount");

        assertThatThrownBy(() -> Dialect.builder("x").field(amount).field(amount))
                .hasMessage("dialect x: DE 4 is defined twice");
        assertThatThrownBy(() -> Dialect.builder("x").field(amount).responseEchoFields(4, 11).build())
                .hasMessage("dialect x: echo field DE 11 is not defined");
        assertThatThrownBy(() -> Dialect.builder("x").responseEchoFields(4, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialect.builder(" ")).hasMessage("dialect name is blank");
    }
}

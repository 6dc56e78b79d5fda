package io.kessai.issuer.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalCodeTest {
    @Test
    void sixAlphanumericCharactersUniqueOverManySequenceNumbers() {
        Set<String> seen = new HashSet<>();
        final int count = 300_000;
        for (long seq = 1; seq <= count; seq++) {
            seen.add(ApprovalCode.forSeq(seq));
        }
        assertThat(seen).hasSize(count).allMatch(code -> code.length() == 6);
        assertThat(ApprovalCode.forSeq(1)).matches("[0-9A-Z]{6}");
        assertThat(ApprovalCode.forSeq(2_176_782_335L)).isNotEqualTo(ApprovalCode.forSeq(2_176_782_334L));
    }
}

package io.kessai.app;

import static io.kessai.app.EndToEndWorld.CARDS;
import static io.kessai.app.EndToEndWorld.TRACK_SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.Hex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Last of the run (junit-platform.properties orders test classes): the card data rule over everything
 * the end-to-end classes left behind. No full PAN or track in any text or binary column of the center's
 * or the issuers' schemas, nor in any log line of the in-process center or of the center processes the
 * crash test started and killed. (PIN blocks are random per envelope and only ever exist encrypted under
 * DUKPT or zone keys; the HsmBoundaryTest keeps clear PINs and keys inside the HSM package.)
 */
@ExtendWith(EndToEndWorld.Use.class)
@Order(Integer.MAX_VALUE)
class CardDataScanTest {

    static List<String> forbidden() {
        List<String> forbidden = new ArrayList<>(CARDS);
        CARDS.forEach(pan -> forbidden.add(pan + TRACK_SUFFIX));
        forbidden.add(TRACK_SUFFIX.substring(1));
        return forbidden;
    }

    @Test
    void noCardDataInAnyTable() {
        EndToEndWorld world = EndToEndWorld.get();
        List<String> forbidden = forbidden();
        List<String> findings = world.database.jdbi().withHandle(h -> {
            List<String> found = new ArrayList<>();
            var columns = h.createQuery("SELECT table_schema, table_name, column_name FROM information_schema.columns"
                            + " WHERE table_schema IN ('center', 'issuer_e2e', 'issuer_e2e_jcb') AND data_type IN ('text',"
                            + " 'character varying', 'character', 'jsonb', 'bytea', 'ARRAY')")
                    .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list();
            for (List<String> column : columns) {
                String sql = "SELECT \"" + column.get(2) + "\"::text FROM \"" + column.get(0) + "\".\"" + column.get(1) + "\"";
                for (String value : h.createQuery(sql).mapTo(String.class).list()) {
                    if (value == null) {
                        continue;
                    }
                    String decodedBytea = value.startsWith("\\x") ? new String(Hex.decode(value.substring(2)), StandardCharsets.ISO_8859_1) : "";
                    for (String secret : forbidden) {
                        if (value.contains(secret) || decodedBytea.contains(secret)) {
                            found.add(column + " holds card data");
                        }
                    }
                }
            }
            assertThat(columns).as("columns scanned").hasSizeGreaterThan(30);
            return found;
        });
        assertThat(findings).isEmpty();
        long payments = world.database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM center.payments").mapTo(Long.class).one());
        assertThat(payments).as("payments the scan looked at").isPositive();
    }

    @Test
    void noCardDataInAnyLogLine() throws Exception {
        EndToEndWorld world = EndToEndWorld.get();
        List<String> texts = new ArrayList<>();
        texts.add(world.logs.toString(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(world.processLogs)) {
            for (Path file : files.toList()) {
                texts.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertThat(texts.getFirst()).as("log output captured").isNotEmpty();
        for (String text : texts) {
            for (String secret : forbidden()) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }
}

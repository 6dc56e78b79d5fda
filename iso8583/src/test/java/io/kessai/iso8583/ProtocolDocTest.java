package io.kessai.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.Hex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol/iso8583.md shows the Kessai field table and one hex example per MTI; both are
 * generated here from the code and must match the doc. After a deliberate change, regenerate with
 * {@code ./mvnw -pl iso8583 -am test -Dtest=ProtocolDocTest -Dkessai.writeDocs=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ProtocolDocTest {
    private static final Path DOC = Path.of("..", "docs", "protocol", "iso8583.md");
    private static final int HEX_PER_LINE = 64;

    @Test
    void field_table_matches_the_dialect() throws Exception {
        assertSection("fields", fieldTable(Dialects.kessai()));
    }

    @Test
    void examples_match_the_encoder() throws Exception {
        assertSection("examples", examples());
    }

    static String fieldTable(Dialect dialect) {
        StringBuilder table = new StringBuilder("| DE | Name | Format | Shown |\n|---|---|---|---|\n");
        for (int field = FieldDefinition.FIRST_DATA_ELEMENT; field <= FieldDefinition.LAST_DATA_ELEMENT; field++) {
            FieldDefinition definition = dialect.field(field);
            String shown = switch (definition.sensitivity()) {
                case NONE -> "";
                case PAN -> "PAN";
                case SECRET -> "SECRET";
                case ICC_DATA -> "ICC";
            };
            table.append("| ").append(field).append(" | ").append(definition.name()).append(" | `")
                    .append(definition.format()).append("` | ").append(shown).append(" |\n");
        }
        return table.toString();
    }

    static String examples() throws IsoFormatException {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, IsoMessage> example : ExampleMessages.all(Dialects.kessai()).entrySet()) {
            appendExample(out, example.getKey(), example.getValue());
        }
        IsoMessage binary = ExampleMessages.authorizationRequest(Dialects.kessai(BitmapEncoding.BINARY));
        appendExample(out, "0100 authorization request, binary bitmap", binary);
        return out.toString();
    }

    private static void appendExample(StringBuilder out, String title, IsoMessage message) throws IsoFormatException {
        byte[] wire = message.encode();
        out.append("### ").append(title).append(" — ").append(wire.length).append(" bytes\n\n```\n");
        String hex = Hex.encode(wire);
        for (int at = 0; at < hex.length(); at += HEX_PER_LINE) {
            out.append(hex, at, Math.min(hex.length(), at + HEX_PER_LINE)).append('\n');
        }
        out.append("```\n\n```\n").append(IsoDump.of(message)).append("\n```\n\n");
    }

    private static void assertSection(String name, String generated) throws Exception {
        String start = "<!-- " + name + ":start -->\n";
        String end = "<!-- " + name + ":end -->";
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int from = doc.indexOf(start);
        int to = doc.indexOf(end);
        assertThat(from).as("marker %s in %s", start.strip(), DOC).isGreaterThanOrEqualTo(0);
        assertThat(to).as("marker %s in %s", end, DOC).isGreaterThan(from);
        if (Boolean.getBoolean("kessai.writeDocs")) {
            Files.writeString(DOC, doc.substring(0, from + start.length()) + generated + doc.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(doc.substring(from + start.length(), to)).isEqualTo(generated);
    }
}

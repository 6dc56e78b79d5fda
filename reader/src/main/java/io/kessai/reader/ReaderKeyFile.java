package io.kessai.reader;

import io.kessai.crypto.files.OwnerOnlyFiles;
import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import io.kessai.crypto.envelope.KeyScheme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reader's key file: a stand-in for the tamper-resistant memory of a PCI PTS card reader. It holds
 * the reader's identity, its DUKPT register (future keys, not the initial key) and the transactions whose
 * result has not arrived yet. Written atomically with mode 0600 after every change, so that a crash can
 * never make the reader use a KSN twice.
 *
 * <pre>
 *   # comment lines
 *   format=1
 *   serial=R-0001
 *   merchant=M-000000000001
 *   terminal=T0000001
 *   scheme=AES128_DUKPT
 *   initial-key-id=1234567890123456
 *   check-value=...
 *   sequence=42
 *   register=BASE64
 *   pending.KSNHEX=BASE64(response MAC key) BASE64(sealed envelope)
 * </pre>
 */
final class ReaderKeyFile {
    static final int FORMAT = 1;
    private static final String PENDING_PREFIX = "pending.";
    private static final String HEADER = """
            # Kessai reader key file. It stands in for the secure memory of a PCI PTS card reader:
            # it holds key material. Keep it mode 0600 and never commit or mail it.
            """;

    record Pending(byte[] responseMacKey, byte[] sealedEnvelope) {
        void wipe() {
            Bytes.wipe(responseMacKey);
        }
    }

    record Contents(
            String serial,
            String merchantId,
            String terminalId,
            KeyScheme scheme,
            String initialKeyIdHex,
            String checkValue,
            long sequence,
            byte[] registerState,
            Map<String, Pending> pending) {}

    private ReaderKeyFile() {}

    static Contents read(Path file) throws ReaderException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ReaderException("cannot read reader key file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Pending> pending = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new ReaderException(file + " line " + (i + 1) + ": expected key=value");
            }
            String key = line.substring(0, equals);
            String value = line.substring(equals + 1);
            if (key.startsWith(PENDING_PREFIX)) {
                pending.put(key.substring(PENDING_PREFIX.length()), parsePending(file, i + 1, value));
            } else if (values.put(key, value) != null) {
                throw new ReaderException(file + " line " + (i + 1) + ": '" + key + "' appears twice");
            }
        }
        String format = require(file, values, "format");
        if (!format.equals(Integer.toString(FORMAT))) {
            throw new ReaderException(file + ": format " + format + " is not supported (this build reads " + FORMAT + ")");
        }
        KeyScheme scheme;
        try {
            scheme = KeyScheme.valueOf(require(file, values, "scheme"));
        } catch (IllegalArgumentException e) {
            throw new ReaderException(file + ": unknown scheme '" + values.get("scheme") + "'");
        }
        long sequence;
        try {
            sequence = Long.parseLong(require(file, values, "sequence"));
        } catch (NumberFormatException e) {
            throw new ReaderException(file + ": sequence is not a number");
        }
        return new Contents(
                require(file, values, "serial"),
                require(file, values, "merchant"),
                require(file, values, "terminal"),
                scheme,
                require(file, values, "initial-key-id"),
                require(file, values, "check-value"),
                sequence,
                base64(file, "register", require(file, values, "register")),
                pending);
    }

    static void write(Path file, Contents contents) throws ReaderException {
        StringBuilder out = new StringBuilder(HEADER);
        out.append("format=").append(FORMAT).append('\n');
        out.append("serial=").append(contents.serial()).append('\n');
        out.append("merchant=").append(contents.merchantId()).append('\n');
        out.append("terminal=").append(contents.terminalId()).append('\n');
        out.append("scheme=").append(contents.scheme().name()).append('\n');
        out.append("initial-key-id=").append(contents.initialKeyIdHex()).append('\n');
        out.append("check-value=").append(contents.checkValue()).append('\n');
        out.append("sequence=").append(contents.sequence()).append('\n');
        out.append("register=").append(Base64.getEncoder().encodeToString(contents.registerState())).append('\n');
        for (Map.Entry<String, Pending> entry : contents.pending().entrySet()) {
            out.append(PENDING_PREFIX).append(entry.getKey()).append('=')
                    .append(Base64.getEncoder().encodeToString(entry.getValue().responseMacKey())).append(' ')
                    .append(Base64.getEncoder().encodeToString(entry.getValue().sealedEnvelope())).append('\n');
        }
        byte[] ascii = out.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            OwnerOnlyFiles.write(file, ascii);
        } catch (IOException e) {
            throw new ReaderException("cannot write reader key file " + file + ": " + e.getMessage(), e);
        } finally {
            Bytes.wipe(ascii);
        }
    }

    private static Pending parsePending(Path file, int lineNumber, String value) throws ReaderException {
        String[] parts = value.split(" ");
        if (parts.length != 2) {
            throw new ReaderException(file + " line " + lineNumber + ": a pending entry needs a key and an envelope");
        }
        return new Pending(base64(file, "pending key", parts[0]), base64(file, "pending envelope", parts[1]));
    }

    private static String require(Path file, Map<String, String> values, String key) throws ReaderException {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new ReaderException(file + ": missing '" + key + "'");
        }
        return value;
    }

    private static byte[] base64(Path file, String what, String value) throws ReaderException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ReaderException(file + ": " + what + " is not base64");
        }
    }

    /** Hex of a KSN, the key of a pending entry. */
    static String pendingKey(byte[] ksn) {
        return Hex.encode(ksn);
    }
}

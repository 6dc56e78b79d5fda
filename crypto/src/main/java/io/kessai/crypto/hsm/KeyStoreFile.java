package io.kessai.crypto.hsm;

import io.kessai.crypto.files.OwnerOnlyFiles;
import io.kessai.card.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-store file of the software HSM: every key and the reader injection log, encrypted and
 * authenticated with AES-256-GCM under the {@link MasterKey}.
 *
 * <pre>
 *   "KESSAI-KS" (9 bytes) | version (1) | nonce (12) | GCM ciphertext + 16-byte tag
 * </pre>
 *
 * The clear header is GCM's associated data, so a changed version byte fails like a changed key would.
 * Writes go to a temporary file (mode 0600) that is then renamed over the old one: a crash leaves the
 * old store or the new one, never half of one.
 */
final class KeyStoreFile {
    private static final byte[] MAGIC = "KESSAI-KS".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    private static final int MAX_ENTRIES = 100_000;
    private static final int HEADER_BYTES = MAGIC.length + 1;

    record Contents(List<StoredKey> keys, List<ReaderRecord> readers) {}

    private KeyStoreFile() {}

    static Contents read(Path file, MasterKey masterKey) throws HsmException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new HsmException("key store " + file + " is larger than " + MAX_FILE_BYTES + " bytes: not a key store");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new HsmException("cannot read key store " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8
                || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new HsmException(file + " is not a Kessai key store (no KESSAI-KS header)");
        }
        if (bytes[MAGIC.length] != VERSION) {
            throw new HsmException("key store " + file + " has version " + bytes[MAGIC.length] + ", this build reads " + VERSION);
        }
        byte[] clear = null;
        byte[] kek = masterKey.bytes();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"),
                    new GCMParameterSpec(TAG_BITS, bytes, HEADER_BYTES, NONCE_BYTES));
            gcm.updateAAD(bytes, 0, HEADER_BYTES);
            clear = gcm.doFinal(bytes, HEADER_BYTES + NONCE_BYTES, bytes.length - HEADER_BYTES - NONCE_BYTES);
            return decode(clear);
        } catch (AEADBadTagException e) {
            throw new HsmException("key store " + file + " does not open with this master key (wrong key, or the file was changed)");
        } catch (GeneralSecurityException e) {
            throw new HsmException("key store " + file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new HsmException("key store " + file + " is damaged: " + e.getMessage(), e);
        } finally {
            Bytes.wipe(kek, clear);
        }
    }

    static void write(Path file, MasterKey masterKey, Contents contents, SecureRandom random) throws HsmException {
        byte[] clear = null;
        byte[] kek = masterKey.bytes();
        try {
            clear = encode(contents);
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] header = Arrays.copyOf(MAGIC, HEADER_BYTES);
            header[MAGIC.length] = VERSION;
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(header);
            byte[] sealed = gcm.doFinal(clear);
            OwnerOnlyFiles.write(file, io.kessai.card.Bytes.concat(header, nonce, sealed));
        } catch (GeneralSecurityException | IOException e) {
            throw new HsmException("cannot write key store " + file + ": " + e.getMessage(), e);
        } finally {
            Bytes.wipe(kek, clear);
        }
    }

    private static byte[] encode(Contents contents) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(contents.keys().size());
            for (StoredKey key : contents.keys()) {
                out.writeUTF(key.name);
                out.writeUTF(key.type.name());
                byte[] material = key.keyCopy();
                try {
                    writeBytes(out, material);
                } finally {
                    Bytes.wipe(material);
                }
                writeBytes(out, key.keyId);
                writeBytes(out, key.checkValue);
                out.writeLong(key.created.getEpochSecond());
                out.writeLong(key.nextDeviceId);
            }
            out.writeInt(contents.readers().size());
            for (ReaderRecord reader : contents.readers()) {
                out.writeUTF(reader.serial());
                out.writeUTF(reader.bdkName());
                out.writeUTF(reader.initialKeyId());
                out.writeUTF(reader.checkValue());
                out.writeLong(reader.injected().getEpochSecond());
            }
        }
        return buffer.toByteArray();
    }

    private static Contents decode(byte[] clear) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(clear));
        int keyCount = boundedCount(in.readInt(), "keys");
        List<StoredKey> keys = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            String name = in.readUTF();
            KeyType type = KeyType.valueOf(in.readUTF());
            byte[] material = readBytes(in);
            try {
                keys.add(new StoredKey(name, type, material, readBytes(in), readBytes(in),
                        Instant.ofEpochSecond(in.readLong()), in.readLong()));
            } finally {
                Bytes.wipe(material);
            }
        }
        int readerCount = boundedCount(in.readInt(), "readers");
        List<ReaderRecord> readers = new ArrayList<>(readerCount);
        for (int i = 0; i < readerCount; i++) {
            readers.add(new ReaderRecord(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    Instant.ofEpochSecond(in.readLong())));
        }
        return new Contents(keys, readers);
    }

    private static int boundedCount(int count, String what) throws IOException {
        if (count < 0 || count > MAX_ENTRIES) {
            throw new IOException(what + " count " + count + " out of range");
        }
        return count;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return bytes;
    }
}

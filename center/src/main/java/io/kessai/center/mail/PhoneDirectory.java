package io.kessai.center.mail;

import java.util.Optional;

/** The phone address bound to each reader (the registry's reader records), as the mail channel needs it. */
public interface PhoneDirectory {
    Optional<String> phoneOfInitialKeyId(String initialKeyIdHex);

    Optional<String> phoneOfReader(String readerSerial);
}

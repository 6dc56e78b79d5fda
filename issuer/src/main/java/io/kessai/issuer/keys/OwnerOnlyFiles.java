package io.kessai.issuer.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Secret files of the issuer's data directory: created mode 0600, refused when others may read them. */
final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {}

    /** Creates a new file readable by its owner only; never overwrites. */
    static void createWith(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: the operator protects it
        }
        Files.writeString(file, content);
    }

    /** @throws IOException naming the file and the command that fixes it */
    static void requireOwnerOnly(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (permissions.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                throw new IOException(file + " is accessible to group or others (mode "
                        + PosixFilePermissions.toString(permissions) + "): run 'chmod 600 " + file + "'");
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the ACL check is the operator's job there.
        }
    }
}

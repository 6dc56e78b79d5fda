package io.kessai.crypto.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold secrets (key stores, the master key, reader key files, the TLS key, the admin token,
 * issuer keys): readable and writable by their owner only (mode 0600, directory 0700), and replaced
 * whole or not at all, because a crash mid-write must not leave a half key that the next start would
 * trust. The one place every module writes such files, so the rules cannot drift apart.
 *
 * <p>Where the file system has no POSIX modes (Windows), files are written without them and protecting
 * them is the operator's job; {@link #requireOwnerOnly} then checks nothing.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {}

    /** Creates {@code directory} (mode 0700 where the file system has modes) unless it exists. */
    public static void createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            if (isPosix(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        } catch (FileAlreadyExistsException e) {
            // Another process created it between the check and here; fine as long as it is a directory.
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    /** Writes {@code content} to {@code target} atomically (replacing it), readable and writable by the owner only. */
    public static void write(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        createDirectory(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", ownerOnly(directory));
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Creates a new file with {@code content}, readable and writable by the owner only.
     *
     * @throws FileAlreadyExistsException if it exists: a secret is never overwritten by accident
     */
    public static void createNew(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        createDirectory(directory);
        Files.createFile(target, ownerOnly(directory));
        Files.write(target, content);
    }

    /** @throws IOException naming the file and the command that fixes it, when group or others have any access */
    public static void requireOwnerOnly(Path file) throws IOException {
        if (!isPosix(file.toAbsolutePath().getParent())) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (permissions.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            throw new IOException(file + " is accessible to group or others (mode "
                    + PosixFilePermissions.toString(permissions) + "): run 'chmod 600 " + file + "'");
        }
    }

    /** The file's POSIX permissions, or empty where the file system has none (Windows). */
    public static Set<PosixFilePermission> permissions(Path file) throws IOException {
        return isPosix(file.toAbsolutePath().getParent()) ? Files.getPosixFilePermissions(file) : Set.of();
    }

    private static FileAttribute<?>[] ownerOnly(Path directory) {
        return isPosix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path anyPathOnTheFileSystem) {
        return anyPathOnTheFileSystem.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

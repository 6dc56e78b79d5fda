package io.kessai.center.http;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Secrets the center makes for itself (its TLS key, the admin token) live in files only their owner
 * can read (mode 0600, directory 0700), written whole or not at all: a crash mid-write must not leave
 * a half key that the next start would trust.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

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

    /** Writes {@code content} to {@code target} atomically, readable and writable by the owner only. */
    public static void write(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        createDirectory(directory);
        FileAttribute<?>[] attributes = isPosix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", attributes);
        try {
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The file's POSIX permissions, or empty where the file system has none (Windows). */
    public static Set<PosixFilePermission> permissions(Path file) throws IOException {
        return isPosix(file.toAbsolutePath().getParent()) ? Files.getPosixFilePermissions(file) : Set.of();
    }

    private static boolean isPosix(Path anyPathOnTheFileSystem) {
        return anyPathOnTheFileSystem.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

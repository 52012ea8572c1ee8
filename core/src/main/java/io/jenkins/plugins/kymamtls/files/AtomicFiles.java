package io.jenkins.plugins.kymamtls.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writes files the way everything here that holds keys or manifests is written. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Creates a folder that will hold secrets readable by the owner only (0700), with its parents;
     * an existing folder is left as it is.
     */
    public static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.getFileStore(parent).supportsFileAttributeView("posix")) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(directory);
        }
    }

    /** Deletes a folder and everything in it, deepest first; a folder that is not there is nothing to do. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Writes beside the target and moves into place, so a reader never sees half a file and a
     * secret file never exists, even for a moment, with permissions wider than 0600.
     */
    public static void write(Path target, byte[] content, boolean secret) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = secret && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", attributes);
        try {
            Files.write(temporary, content);
            if (!secret && posix) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

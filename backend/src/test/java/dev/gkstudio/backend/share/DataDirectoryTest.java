package dev.gkstudio.backend.share;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

/** The share database's directory is readable by its owner only, whether new or already there. */
class DataDirectoryTest {

    @Test
    void createsTheDirectoryOwnerOnly() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "data-dir-").resolve("a/b");
        DataDirectory.ensureOwnerOnly(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void narrowsAnExistingWorldReadableDirectory() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "data-dir-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DataDirectory.ensureOwnerOnly(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
}

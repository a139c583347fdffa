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

    /** Without a database server, one process per data directory: a second is told what to do. */
    @Test
    void aSecondClaimOnTheDirectorySaysWhatToDo() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "data-dir-");
        try (var held = DataDirectory.lockFor(dir)) {
            // a lock held by this JVM stands in for another process here
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> DataDirectory.lockFor(dir));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        }
        DataDirectory.lockFor(dir).close(); // released: free again
    }
}

package dev.gkstudio.backend.share;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Creates {@code gkstudio.data-dir} readable by its owner only, before the share database is first opened: the
 * files under it (the H2 database) must not be readable by other local users. The container is initialised
 * before Flyway migrates the database at start, so H2 never creates the directory with the process' umask.
 */
@ApplicationScoped
public class DataDirectory {

    private static final Logger LOG = Logger.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    void create(@Observes @Initialized(ApplicationScoped.class) Object started) {
        var config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("quarkus.datasource.share.active", Boolean.class).orElse(true)) {
            return; // PostgreSQL (profile pg): nothing is stored under the data directory
        }
        config.getOptionalValue("gkstudio.data-dir", String.class).ifPresent(d -> {
            ensureOwnerOnly(Path.of(d));
            lock = lockFor(Path.of(d));
        });
    }

    /** Held while the application runs: the H2 file can be opened by one process only (there is no server mode). */
    private FileChannel lock;

    /**
     * Claims the data directory for this process, or fails with what to do: a second Studio on the same directory
     * would otherwise stop at start with H2's "Database may be already in use".
     */
    static FileChannel lockFor(Path dir) {
        Path file = dir.resolve(".studio.lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                throw new IllegalStateException("Another Gatekeeper Studio is using the data directory " + dir
                        + ": stop it, or start this one with another gkstudio.data-dir");
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("The data directory " + dir + " is already in use by this process", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + dir, e);
        }
    }

    @PreDestroy
    void release() {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.debugf(e, "releasing the data directory lock");
            }
        }
    }

    /** Creates {@code dir} (and missing parents) as {@code rwx------}, or narrows an existing one to that. */
    static void ensureOwnerOnly(Path dir) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectories(dir);
                }
            }
            if (posix && !Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
                LOG.infof("Data directory %s narrowed to owner-only access", dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir + " (gkstudio.data-dir)", e);
        }
    }
}

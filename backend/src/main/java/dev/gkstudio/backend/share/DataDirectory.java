package dev.gkstudio.backend.share;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

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
        ConfigProvider.getConfig().getOptionalValue("gkstudio.data-dir", String.class)
                .ifPresent(d -> ensureOwnerOnly(Path.of(d)));
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

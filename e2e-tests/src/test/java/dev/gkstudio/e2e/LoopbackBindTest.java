package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The packaged Studio, started as {@code ./studio} starts it, listens on the loopback interface only (it has no login). */
class LoopbackBindTest {

    @Test
    void notReachableFromOtherInterfaces() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to connect to");
        Path data = java.nio.file.Files.createTempDirectory(Path.of("target"), "bind-");
        try (StudioProcess studio = StudioProcess.start(Path.of(System.getProperty("studio.app")),
                Path.of(System.getProperty("studio.log")).resolveSibling("studio-bind.log"),
                List.of("-Dgkstudio.data-dir=" + data.toAbsolutePath()))) {
            int port = studio.baseUri.getPort();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000); // served on loopback
            }
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(external.get(), port), 5000);
                }
            }, "the Studio answered on " + external.get());
        }
    }
}

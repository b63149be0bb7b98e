package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.bytes;
import static org.debswarm.tracker.internal.TestSupport.dict;
import static org.debswarm.tracker.internal.TestSupport.failure;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 15, F2 over real sockets: the flooder and the honest clients are told apart by the address their
 * connections come from (127.0.0.66 and 127.0.0.1/.2, all loopback on Linux), not by an {@code ip} parameter,
 * which this tracker does not trust.
 */
public class FloodOverHttpTest {

    private static final byte[] LEGIT = id20(1);

    private final TrackerSettings settings = new TrackerSettings(60, 30, 30, 50, 200, false, 100_000, 100_000, 3600,
            true);
    private final TrackerEngine engine = new TrackerEngine(settings, new TestSupport.TestClock());
    private Server server;
    private int port;

    @Before
    public void startJetty() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new AnnounceServlet(engine)), "/announce");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @After
    public void stopJetty() throws Exception {
        server.stop();
    }

    @Test
    public void aFloodFromOneAddressLeavesTheLegitimateSwarmsAlone() throws Exception {
        assertNull(failure(get("127.0.0.1", announce(LEGIT, id20(2), 7001, 0, 0, 10))));
        int accepted = 0;
        for (int i = 0; i < 400; i++) {
            byte[] invented = ByteBuffer.allocate(20).putInt(0xf100d).putInt(i).array();
            accepted += failure(get("127.0.0.66", announce(invented, id20(66), 6666, 0, 0, 10))) == null ? 1 : 0;
        }
        assertEquals(FloodLimits.DEFAULT_NEW_TORRENTS_PER_MINUTE, accepted);
        for (int i = 0; i < 200; i++) {
            get("127.0.0.66", announce(LEGIT, ByteBuffer.allocate(20).putInt(0xfa4e).putInt(i).array(), 6666, 0, 0,
                    10) + "&numwant=0");
        }

        byte[] answer = get("127.0.0.2", announce(LEGIT, id20(3), 7002, 0, 0, 10) + "&numwant=200");
        assertNull(failure(answer));
        byte[] peers = bytes(dict(answer), "peers");
        assertEquals("the honest peer and the flooder's 32", 6 * (1 + FloodLimits.DEFAULT_PEERS_PER_CLIENT),
                peers.length);
        assertTrue("the honest peer is handed out", containsPeer(peers, new byte[] {127, 0, 0, 1, 0x1b, 0x59}));
        assertNull("a new swarm from an honest client", failure(get("127.0.0.2",
                announce(id20(5), id20(3), 7002, 0, 0, 10))));
    }

    private static boolean containsPeer(byte[] compact, byte[] peer) {
        for (int i = 0; i + 6 <= compact.length; i += 6) {
            if (Arrays.equals(Arrays.copyOfRange(compact, i, i + 6), peer)) {
                return true;
            }
        }
        return false;
    }

    /** One GET of /announce from {@code source}, on a connection of its own; returns the body. */
    private byte[] get(String source, String query) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /announce?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            byte[] all = in.readNBytes(1 << 20);
            int body = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertTrue("an HTTP answer", body > 0);
            assertArrayEquals("HTTP/1.1 200".getBytes(StandardCharsets.ISO_8859_1), Arrays.copyOf(all, 12));
            return Arrays.copyOfRange(all, body + 4, all.length);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return i;
            }
        }
        return -1;
    }
}

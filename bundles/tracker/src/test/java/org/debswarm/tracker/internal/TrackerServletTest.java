package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.bytes;
import static org.debswarm.tracker.internal.TestSupport.dict;
import static org.debswarm.tracker.internal.TestSupport.encode;
import static org.debswarm.tracker.internal.TestSupport.failure;
import static org.debswarm.tracker.internal.TestSupport.get;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.debswarm.torrent.bencode.ByteString;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;

/** The servlets on a real Jetty on loopback, driven over HTTP. */
public class TrackerServletTest {

    private static final byte[] HASH = id20(1);

    private final TrackerSettings settings = new TrackerSettings(60, 30, 30, 50, 200, false, 100, 1000, 3600, true);
    private final TrackerEngine engine = new TrackerEngine(settings, new TestSupport.TestClock());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;
    private ServerConnector ipv4;

    @Before
    public void startJetty() throws Exception {
        server = new Server();
        ipv4 = connector("127.0.0.1");
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new AnnounceServlet(engine)), "/announce");
        context.addServlet(new ServletHolder(new ScrapeServlet(engine)), "/scrape");
        ServletHolder status = new ServletHolder(new StatusServlet(new StatsView(engine.swarms()), engine));
        context.addServlet(status, "/");
        context.addServlet(status, "/stats.json");
        server.setHandler(context);
        server.start();
    }

    private ServerConnector connector(String host) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(0);
        server.addConnector(connector);
        return connector;
    }

    @After
    public void stopJetty() throws Exception {
        server.stop();
    }

    private HttpResponse<byte[]> http(String pathAndQuery) throws IOException, InterruptedException {
        return http("127.0.0.1", ipv4.getLocalPort(), pathAndQuery);
    }

    private HttpResponse<byte[]> http(String host, int port, String pathAndQuery)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://" + host + ":" + port + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    public void announceOverHttpKeepsRawBytesAndUsesTheRemoteAddress() throws Exception {
        http("/announce?" + announce(HASH, id20(2), 7001, 0, 0, 10));
        HttpResponse<byte[]> response = http("/announce?" + announce(HASH, id20(3), 7002, 0, 0, 10)
                + "&ip=10.1.2.3");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain", response.headers().firstValue("Content-Type").orElse(""));
        Map<ByteString, Object> dict = dict(response.body());
        assertArrayEquals("127.0.0.1 (the ip parameter is not trusted)",
                new byte[] {127, 0, 0, 1, 0x1b, 0x59}, bytes(dict, "peers"));
        String hex = Bytes.copyOf(HASH).hex();
        String peerId = Bytes.copyOf(id20(2)).hex();
        assertTrue(body(http("/stats.json?info_hash=" + hex)).contains("\"peerId\":\"" + peerId + "\""));
    }

    @Test
    public void announceFromIpv6LoopbackGoesToPeers6() throws Exception {
        Assume.assumeTrue("IPv6 loopback", InetAddress.getByName("::1").isReachable(1000));
        ServerConnector ipv6 = connector("::1");
        ipv6.start();
        http("[::1]", ipv6.getLocalPort(), "/announce?" + announce(HASH, id20(2), 7001, 0, 0, 10));
        Map<ByteString, Object> dict = dict(http("/announce?" + announce(HASH, id20(3), 7002, 0, 0, 10)).body());
        byte[] expected = new byte[18];
        expected[15] = 1;
        expected[16] = 0x1b;
        expected[17] = 0x59;
        assertArrayEquals(expected, bytes(dict, "peers6"));
        assertEquals(0, bytes(dict, "peers").length);
    }

    @Test
    public void hostileAnnouncesGetAFailureReasonAndChangeNothing() throws Exception {
        String valid = announce(HASH, id20(2), 7001, 0, 0, 10);
        assertEquals("port 0 (expected: 1..65535)", failure(http("/announce?" + valid.replace("port=7001", "port=0"))
                .body()));
        assertEquals("missing info_hash", failure(http("/announce").body()));
        assertEquals("numwant 99999 (expected: 0..10000)", failure(http("/announce?" + valid + "&numwant=99999")
                .body()));
        String overlong = "/announce?" + valid + "&pad=" + "x".repeat(5000);
        HttpResponse<byte[]> response = http(overlong);
        assertEquals(200, response.statusCode());
        assertTrue(failure(response.body()).startsWith("query length "));
        assertEquals(0, engine.swarms().size());
    }

    @Test
    public void scrapeOverHttp() throws Exception {
        http("/announce?" + announce(HASH, id20(2), 7001, 0, 0, 0));
        Map<ByteString, Object> dict = dict(http("/scrape?info_hash=" + encode(HASH)).body());
        @SuppressWarnings("unchecked")
        Map<ByteString, Object> file = (Map<ByteString, Object>) ((Map<ByteString, Object>) get(dict, "files"))
                .get(ByteString.of(HASH));
        assertEquals(1L, get(file, "complete"));
    }

    @Test
    public void statusPageEscapesWhatClientsSent() throws Exception {
        http("/announce?" + announce(HASH, id20(2), 7001, 0, 0, 0) + "&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        HttpResponse<byte[]> page = http("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse("")
                .replace(" ", "").toLowerCase());
        String html = body(page);
        assertTrue(html, html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(html.contains("<script>"));
        String hex = Bytes.copyOf(HASH).hex();
        assertTrue(html.contains("href=\"/?info_hash=" + hex + "\""));
        String detail = body(http("/?info_hash=" + hex));
        assertTrue(detail, detail.contains("<td>127.0.0.1</td><td>7001</td>"));
        assertEquals(404, http("/?info_hash=" + "0".repeat(40)).statusCode());
        assertEquals(404, http("/nothing-here").statusCode());
    }

    @Test
    public void statsJsonCarriesTotalsAndTorrents() throws Exception {
        http("/announce?" + announce(HASH, id20(2), 7001, 0, 0, 0) + "&event=completed&name=a%22b");
        HttpResponse<byte[]> response = http("/stats.json");
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        String json = body(response);
        assertTrue(json, json.startsWith("{\"totals\":{\"torrents\":1,\"seeders\":1,\"leechers\":0,"
                + "\"completed\":1,\"uploaded\":0,\"downloaded\":0},\"torrents\":[{\"infoHash\":\""
                + Bytes.copyOf(HASH).hex() + "\",\"name\":\"a\\\"b\",\"seeders\":1,"));
        assertEquals(404, http("/stats.json?info_hash=zz").statusCode());
    }
}

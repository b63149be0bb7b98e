package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The tracker-only distribution: a container with the tracker and without the apt listener, which takes an
 * announce, answers a scrape and shows the torrent and its peer in {@code /stats.json}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TrackerOnlyIT {

    private static final String INFO_HASH = "%a1%02%03%04%05%06%07%08%09%0a%0b%0c%0d%0e%0f%10%11%12%13%ff";
    private static final String INFO_HASH_HEX = "a102030405060708090a0b0c0d0e0f10111213ff";
    private static final String PEER_ID = "-DS0001-trackeronly1";

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node(Distribution.trackerRoot())};
    }

    @Test
    public void theTrackerRunsAloneAndAnswersOnItsPort() throws Exception {
        Container.awaitAllActive(context);
        assertNotNull("the tracker bundle is installed", bundle("org.debswarm.tracker"));
        assertNull("no apt listener in a tracker-only node", bundle("org.debswarm.aptlistener"));
        assertNull("no store in a tracker-only node", bundle("org.debswarm.storage"));
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.bundle.symbolicName.startsWith("org.debswarm.")) {
                Container.awaitComponentSatisfied(scr, description, unsatisfied);
            }
        }
        assertTrue("unsatisfied: " + unsatisfied, unsatisfied.isEmpty());
        Container.await(context, "tracker status servlet", () -> status("/stats.json") == 200);
        assertEquals(200, status("/"));
    }

    @Test
    public void anAnnounceAndAScrapeShowInTheStatistics() throws Exception {
        Container.awaitAllActive(context);
        Container.await(context, "tracker status servlet", () -> status("/stats.json") == 200);
        String announced = get("/announce?info_hash=" + INFO_HASH + "&peer_id=" + PEER_ID + "&port=6881&uploaded=0"
                + "&downloaded=0&left=4096&event=started&compact=1&name=mirror.test+bookworm+main+binary-all");
        assertTrue("a leecher's announce is accepted: " + announced,
                announced.startsWith("d8:completei0e10:downloadedi0e10:incompletei1e8:intervali"));
        String scraped = get("/scrape?info_hash=" + INFO_HASH);
        assertTrue("the scrape counts the leecher: " + scraped, scraped.contains(
                "d8:completei0e10:downloadedi0e10:incompletei1e4:name36:mirror.test bookworm main binary-alle"));
        String stats = get("/stats.json");
        assertTrue("the torrent in /stats.json: " + stats, stats.contains("{\"infoHash\":\"" + INFO_HASH_HEX
                + "\",\"name\":\"mirror.test bookworm main binary-all\",\"seeders\":0,\"leechers\":1,"));
        String peers = get("/stats.json?info_hash=" + INFO_HASH_HEX);
        assertTrue("its peer in /stats.json: " + peers, peers.contains("\"peers\":[{\"peerId\":\"" + hex(PEER_ID)
                + "\",\"ip\":\"") && peers.contains("\"port\":6881,\"uploaded\":0,\"downloaded\":0,\"left\":4096,"
                + "\"event\":\"started\""));
    }

    private static String hex(String ascii) {
        return java.util.HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    /** The body of a GET on the tracker's port, which must answer 200; bencoded bytes read as ISO-8859-1. */
    private static String get(String pathAndQuery) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:"
                + Integer.getInteger(NodeOptions.TRACKER_PORT) + pathAndQuery).toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(5000);
        try (InputStream body = connection.getInputStream()) {
            assertEquals(pathAndQuery, 200, connection.getResponseCode());
            return new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
        } finally {
            connection.disconnect();
        }
    }

    private static int status(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:"
                    + Integer.getInteger(NodeOptions.TRACKER_PORT) + path).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}

package org.debswarm.node.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.node.NodeWarning;
import org.debswarm.node.internal.tracker.AnnounceObserver;
import org.debswarm.torrent.InfoHash;
import org.junit.Test;

/** The detection rules of the tracker warnings, on the observer calls the announcers make. */
public class TrackerWatchTest {

    private static final URI LAN = URI.create("http://10.0.0.5:6969/announce");
    private static final URI LOOPBACK = URI.create("http://127.0.0.1:6969/announce");
    private static final InfoHash A = InfoHash.of(new byte[20]);
    private static final InfoHash B = InfoHash.of(filled(1));

    private final Traps traps = new Traps();
    private final Map<InfoHash, Integer> lsd = new HashMap<>();
    private final TrackerWatch watch = new TrackerWatch(traps, hash -> lsd.getOrDefault(hash, 0));
    private final AnnounceObserver a = watch.observer(A, "mirror bookworm main amd64");
    private final AnnounceObserver b = watch.observer(B, "mirror bookworm main all");

    private static byte[] filled(int value) {
        byte[] bytes = new byte[20];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private List<String> keys() {
        return traps.current().stream().map(NodeWarning::key).toList();
    }

    @Test
    public void aBlipIsNoWarningTheThirdFailureInARowIs() {
        a.unanswered(LAN, 1, "Connection refused");
        a.unanswered(LAN, 2, "Connection refused");
        assertEquals(List.of(), keys());
        a.unanswered(LAN, 3, "Connection refused");
        b.unanswered(LAN, 3, "Connection refused");
        assertEquals("one warning per tracker, not per torrent", List.of("tracker-unreachable " + LAN), keys());
        NodeWarning w = traps.current().get(0);
        assertTrue(w.text(), w.text().startsWith("Tracker " + LAN + " is unreachable: 3 announces in a row got no"
                + " answer (last: Connection refused)"));
        assertEquals("trackers (PID org.debswarm.node)", w.setting());
    }

    @Test
    public void anAnswerClearsUnreachable() {
        a.unanswered(LAN, 3, "timed out");
        b.answered(LAN, 4);
        assertEquals(List.of(), keys());
    }

    @Test
    public void unreachableGoesWhenNoTorrentAnnouncesThereAnyMore() {
        a.unanswered(LAN, 3, "timed out");
        b.unanswered(LAN, 5, "timed out");
        watch.stopped(A);
        assertEquals(List.of("tracker-unreachable " + LAN), keys());
        watch.stopped(B);
        assertEquals(List.of(), keys());
    }

    @Test
    public void noPeersTwiceInARowWhileLsdFoundSomeIsAWarning() {
        lsd.put(A, 2);
        a.answered(LAN, 0);
        assertEquals("one empty answer may be a tracker that has not heard of the others yet", List.of(), keys());
        a.answered(LAN, 0);
        assertEquals(List.of("tracker-no-peers " + LAN), keys());
        NodeWarning w = traps.current().get(0);
        assertTrue(w.text(), w.text().startsWith("Tracker " + LAN + " keeps answering with no peers for mirror"
                + " bookworm main amd64 (2 answers in a row), while Local Service Discovery found some on the LAN"
                + " (2 addresses)"));
        assertEquals("trackers (PID org.debswarm.node)", w.setting());
    }

    @Test
    public void noPeersIsNoWarningWhileLsdFoundNoneEither() {
        a.answered(LAN, 0);
        lsd.put(A, 1);
        a.answered(LAN, 0);
        assertEquals("the first empty answer came before LSD found anyone", List.of(), keys());
        a.answered(LAN, 0);
        assertEquals(List.of("tracker-no-peers " + LAN), keys());
    }

    @Test
    public void theOwnLoopbackTrackerIsNeverJudgedByItsPeers() {
        lsd.put(A, 3);
        for (int i = 0; i < 5; i++) {
            a.answered(LOOPBACK, 0);
        }
        assertEquals(List.of(), keys());
    }

    @Test
    public void peersForTheTorrentClearIt() {
        lsd.put(A, 1);
        lsd.put(B, 1);
        a.answered(LAN, 0);
        a.answered(LAN, 0);
        b.answered(LAN, 0);
        b.answered(LAN, 0);
        a.answered(LAN, 3);
        assertEquals("still said for B", List.of("tracker-no-peers " + LAN), keys());
        b.answered(LAN, 1);
        assertEquals(List.of(), keys());
    }

    @Test
    public void aStoppedTorrentTakesItsWarningAlong() {
        lsd.put(A, 1);
        a.answered(LAN, 0);
        a.answered(LAN, 0);
        watch.stopped(A);
        assertEquals(List.of(), keys());
        a.answered(LAN, 0);
        assertEquals("counting starts again", List.of(), keys());
    }

    @Test
    public void theWarningsOfOneTrackerAreIndependentOfAnothers() {
        URI other = URI.create("http://tracker.example.lan/announce");
        lsd.put(A, 1);
        a.answered(LAN, 0);
        a.answered(LAN, 0);
        a.unanswered(other, 3, "no route to host");
        assertEquals(List.of("tracker-no-peers " + LAN, "tracker-unreachable " + other), keys());
        a.answered(other, 0);
        assertEquals(List.of("tracker-no-peers " + LAN), keys());
    }
}

package org.debswarm.tracker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.BencodeWriter;
import org.debswarm.torrent.bencode.ByteString;
import org.debswarm.tracker.TorrentStats;

/** Bencoded tracker responses. */
final class Responses {

    private Responses() {
    }

    /** BEP 3: a refused request is a dictionary with only a human-readable {@code failure reason}. */
    static byte[] failure(String reason) {
        return Bencode.encode(Map.of("failure reason", reason));
    }

    /**
     * BEP 3 announce response. Compact (the default, BEP 23): {@code peers} holds 6 bytes per IPv4 peer and
     * {@code peers6} 18 bytes per IPv6 peer (BEP 7). With {@code compact=0}: {@code peers} is a list of
     * dictionaries with {@code peer id} (unless {@code no_peer_id=1}), {@code ip} and {@code port}.
     * Written in canonical key order directly, as this is the tracker's hot path.
     */
    static byte[] announce(Swarm.Announced announced, PeerList handOut, boolean noPeerId, TrackerSettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + (handOut.compact() ? 0 : 4096));
        try {
            BencodeWriter writer = new BencodeWriter(out).beginDictionary()
                    .string("complete").integer(announced.seeders())
                    .string("downloaded").integer(announced.completed())
                    .string("incomplete").integer(announced.leechers())
                    .string("interval").integer(settings.interval())
                    .string("min interval").integer(settings.minInterval())
                    .string("peers");
            if (handOut.compact()) {
                writer.string(handOut.peers4());
                byte[] peers6 = handOut.peers6();
                if (peers6.length > 0) {
                    writer.string("peers6").string(peers6);
                }
            } else {
                writer.value(peerDictionaries(handOut.contacts(), noPeerId));
            }
            writer.end();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static List<Object> peerDictionaries(List<Peer.Contact> contacts, boolean noPeerId) {
        List<Object> peers = new ArrayList<>(contacts.size());
        for (Peer.Contact contact : contacts) {
            Map<String, Object> peer = new HashMap<>();
            if (!noPeerId) {
                peer.put("peer id", contact.peerId().toByteArray());
            }
            peer.put("ip", contact.address().ipText());
            peer.put("port", contact.address().port());
            peers.add(peer);
        }
        return peers;
    }

    /**
     * BEP 48 scrape response: {@code files} maps each known raw info hash to {@code complete},
     * {@code incomplete}, {@code downloaded} and, when announced, {@code name}. Unknown hashes are left out.
     */
    static byte[] scrape(List<Swarm> swarms) {
        Map<ByteString, Object> files = new HashMap<>();
        for (Swarm swarm : swarms) {
            TorrentStats torrent = swarm.stats();
            Map<String, Object> file = new HashMap<>();
            file.put("complete", torrent.seeders());
            file.put("incomplete", torrent.leechers());
            file.put("downloaded", torrent.completed());
            if (!torrent.name().isEmpty()) {
                file.put("name", torrent.name());
            }
            files.put(ByteString.of(swarm.infoHash().toByteArray()), file);
        }
        return Bencode.encode(Map.of("files", files));
    }
}

package org.debswarm.torrent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.debswarm.torrent.TorrentFormatException;

/** The {@code announce} URL (BEP 3) and {@code announce-list} tiers (BEP 12) of a metainfo file. */
final class Trackers {

    private final String announce;
    private final List<List<String>> tiers;

    private Trackers(String announce, List<List<String>> tiers) {
        this.announce = announce;
        this.tiers = tiers;
    }

    static Trackers read(Map<?, ?> top) throws TorrentFormatException {
        Object announce = Fields.get(top, "announce");
        String url = announce == null ? null : Fields.string(announce, "announce").utf8();
        Object list = Fields.get(top, "announce-list");
        return new Trackers(url, list == null ? List.of() : tiers(Fields.list(list, "announce-list")));
    }

    /** Empty tiers are dropped, as BEP 12 clients would skip them. */
    private static List<List<String>> tiers(List<?> list) throws TorrentFormatException {
        List<List<String>> tiers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            List<?> tier = Fields.list(list.get(i), "announce-list[" + i + "]");
            List<String> urls = new ArrayList<>(tier.size());
            for (int j = 0; j < tier.size(); j++) {
                urls.add(Fields.string(tier.get(j), "announce-list[" + i + "][" + j + "]").utf8());
            }
            if (!urls.isEmpty()) {
                tiers.add(List.copyOf(urls));
            }
        }
        return tiers;
    }

    String announce() {
        return announce;
    }

    List<List<String>> tiers() {
        return tiers;
    }
}

package org.debswarm.tracker.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One validated scrape (<a href="https://www.bittorrent.org/beps/bep_0048.html">BEP 48</a>): zero or more
 * {@code info_hash} parameters of 20 raw bytes each. None means a full scrape, which the tracker may refuse.
 */
record ScrapeRequest(List<Bytes> infoHashes) {

    static final int MAX_QUERY_LENGTH = 8192;
    static final int MAX_INFO_HASHES = 128;

    ScrapeRequest {
        infoHashes = List.copyOf(infoHashes);
    }

    static ScrapeRequest parse(String rawQuery) throws TrackerRequestException {
        QueryString q = QueryString.parse(rawQuery, MAX_QUERY_LENGTH, MAX_INFO_HASHES + 8);
        List<byte[]> values = q.all("info_hash");
        if (values.size() > MAX_INFO_HASHES) {
            throw new TrackerRequestException(values.size() + " info_hash parameters (expected: <= "
                    + MAX_INFO_HASHES + ")");
        }
        List<Bytes> hashes = new ArrayList<>(values.size());
        for (byte[] value : values) {
            if (value.length != 20) {
                throw new TrackerRequestException("info_hash length " + value.length + " (expected: 20)");
            }
            Bytes hash = Bytes.copyOf(value);
            if (!hashes.contains(hash)) {
                hashes.add(hash);
            }
        }
        return new ScrapeRequest(hashes);
    }

    boolean full() {
        return infoHashes.isEmpty();
    }
}

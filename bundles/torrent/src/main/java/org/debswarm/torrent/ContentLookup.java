package org.debswarm.torrent;

import org.debswarm.torrent.bencode.ByteString;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers whether this node already holds verified content with a given SHA-256, whatever its path: how a
 * new Packages torrent starts with the files that did not change since the last version already had. A
 * store offers it as a service; the {@link TorrentRegistry} uses it when present.
 */
@ConsumerType
@FunctionalInterface
public interface ContentLookup {

    /** @param sha256 32 raw bytes */
    boolean hasContent(ByteString sha256);
}

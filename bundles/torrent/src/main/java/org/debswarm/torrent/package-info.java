/**
 * Torrents for Debswarm: torrents derived from Debian {@code Packages} files (one piece per file, verified by
 * the entry's SHA-256) and, since 1.1, from {@code Sources} files, the registry of running torrents, and standard BitTorrent metainfo files
 * (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>,
 * <a href="https://www.bittorrent.org/beps/bep_0012.html">BEP 12</a>).
 *
 * <p>Services: {@link org.debswarm.torrent.TorrentFactory} and {@link org.debswarm.torrent.TorrentRegistry};
 * whiteboard: {@link org.debswarm.torrent.TorrentRegistryListener}; consumed:
 * {@link org.debswarm.torrent.ContentLookup}. Since 1.2 the registry finds the pieces holding a SHA-256
 * ({@link org.debswarm.torrent.TorrentRegistry#pieces}). The derivation of a Packages torrent and its infohash is specified
 * in {@code docs/torrent-format.md}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.debswarm.torrent;

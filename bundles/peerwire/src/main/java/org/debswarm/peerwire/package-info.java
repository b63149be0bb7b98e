/**
 * BitTorrent connections between Debswarm nodes and with ordinary BitTorrent clients: the peer wire of
 * <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a> with the extension handshake of
 * <a href="https://www.bittorrent.org/beps/bep_0010.html">BEP 10</a>, and the tracker client; since 1.1, the
 * administrator's actions on the node's torrents ({@link org.debswarm.peerwire.TorrentActions}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.debswarm.peerwire;

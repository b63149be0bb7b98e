/**
 * BitTorrent connections between Debswarm nodes and with ordinary BitTorrent clients: the peer wire of
 * <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a> with the extension handshake of
 * <a href="https://www.bittorrent.org/beps/bep_0010.html">BEP 10</a>. Since 2.0 the engine alone: the node's torrent
 * actions and the tracker client moved to the node bundle ({@code org.debswarm.node}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.4.0")
package org.debswarm.peerwire;

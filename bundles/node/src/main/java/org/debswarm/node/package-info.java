/**
 * The node: what runs a Debswarm node's torrents on top of the peer wire engine. The administrator's actions on
 * the node's torrents ({@link org.debswarm.node.TorrentActions}) and the torrents as it lists them
 * ({@link org.debswarm.node.NodeTorrent}), and since 1.1 its warnings about its own setup
 * ({@link org.debswarm.node.NodeWarnings}). The first two were part of {@code org.debswarm.peerwire} until peer wire
 * 1.2.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.debswarm.node;

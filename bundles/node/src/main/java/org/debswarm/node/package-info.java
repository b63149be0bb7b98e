/**
 * The node: what runs a Debswarm node's torrents on top of the peer wire engine. The administrator's actions on
 * the node's torrents ({@link org.debswarm.node.TorrentActions}) and the torrents as it lists them
 * ({@link org.debswarm.node.NodeTorrent}), until peer wire 1.2 part of {@code org.debswarm.peerwire}; seeding from
 * package files already on the machine ({@link org.debswarm.node.SeedImport}); the node's warnings about its own
 * setup ({@link org.debswarm.node.NodeWarnings}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.debswarm.node;

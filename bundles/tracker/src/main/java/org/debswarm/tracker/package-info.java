/**
 * Read-only view of the Debswarm BitTorrent tracker: per-torrent and per-peer figures for status pages and the
 * Web Console.
 *
 * <p>The tracker itself speaks HTTP announce and scrape
 * (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>,
 * <a href="https://www.bittorrent.org/beps/bep_0023.html">BEP 23</a>,
 * <a href="https://www.bittorrent.org/beps/bep_0007.html">BEP 7</a>,
 * <a href="https://www.bittorrent.org/beps/bep_0048.html">BEP 48</a>); this package is how other bundles read
 * what it knows, through the {@link org.debswarm.tracker.TrackerStats} service.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.debswarm.tracker;

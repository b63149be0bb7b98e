/**
 * Persistent statistics of a Debswarm node: what came from peers and from mirrors, what went to peers and to
 * apt, per torrent, per peer and in total, with a bounded rate history for charts.
 *
 * <p>Producers (the apt listener, the peer wire) call {@link org.debswarm.stats.StatsRecorder}: in-memory
 * counters, no I/O on the caller's thread. Readers (the Web Console) call {@link org.debswarm.stats.StatsView}.
 * One component offers both and writes the figures to its H2 database every few seconds, so they survive
 * restarts and live updates of any bundle. Info hashes and peer ids are the 20 raw bytes of
 * <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a> as 40 lower-case hexadecimal digits.
 * What is counted and where it is stored: {@code docs/statistics.md}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.debswarm.stats;

/**
 * Bencoding, the serialisation of BitTorrent metainfo, tracker responses and extension messages
 * (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>).
 *
 * <p>{@link org.debswarm.torrent.bencode.Bencode} encodes and decodes whole values;
 * {@link org.debswarm.torrent.bencode.BencodeDecoder} decodes partial input as it arrives;
 * {@link org.debswarm.torrent.bencode.BencodeWriter} streams a canonical encoding. Decoded values are
 * {@link java.lang.Long}, {@link org.debswarm.torrent.bencode.ByteString}, {@code List<Object>} and
 * {@code SortedMap<ByteString, Object>}. Decoding is strict (canonical integers and lengths, sorted unique
 * dictionary keys, no trailing data) and bounded by {@link org.debswarm.torrent.bencode.BencodeLimits}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.debswarm.torrent.bencode;

/**
 * The node's on-disk store: complete files in each mirror's archive layout, shared by content
 * (SHA-256), verified before anything is served, recorded in a database so a restart knows them,
 * with completion events for everyone waiting and resumable partial files.
 *
 * <p>The one service is {@link org.debswarm.storage.PieceStore}. A file is named by a
 * {@link org.debswarm.storage.FileKey} (mirror host, archive path, size, SHA-256 from the index:
 * <a href="https://wiki.debian.org/DebianRepository/Format#Packages_Indices">Packages
 * indices</a>). One Debswarm piece is one such file (see {@code docs/storage.md}); standard
 * BitTorrent content, whose SHA-1 pieces span files (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>),
 * goes through {@link org.debswarm.storage.SpanningStorage}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.debswarm.storage;

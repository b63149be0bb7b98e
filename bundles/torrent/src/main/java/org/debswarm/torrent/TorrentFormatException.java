package org.debswarm.torrent;

import java.io.IOException;

/** A .torrent file that is not valid BEP 3 metainfo; the message names the field and what was wrong. */
public class TorrentFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public TorrentFormatException(String message) {
        super(message);
    }

    public TorrentFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

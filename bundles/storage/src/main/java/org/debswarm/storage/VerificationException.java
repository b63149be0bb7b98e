package org.debswarm.storage;

import java.io.IOException;

/**
 * The bytes written for a file do not hash to the SHA-256 its index entry gives. The partial
 * file has been deleted; nothing was stored. Anyone waiting for that file gets this exception.
 */
public final class VerificationException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient FileKey key;
    private final String actualSha256;

    public VerificationException(FileKey key, String actualSha256) {
        super("SHA-256 mismatch for " + key.host() + "/" + key.path() + " (" + key.size() + " bytes): expected "
                + key.sha256() + ", got " + actualSha256);
        this.key = key;
        this.actualSha256 = actualSha256;
    }

    /** The key whose content was expected. */
    public FileKey key() {
        return key;
    }

    public String expectedSha256() {
        return key.sha256();
    }

    public String actualSha256() {
        return actualSha256;
    }
}

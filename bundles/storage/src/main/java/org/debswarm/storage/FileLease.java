package org.debswarm.storage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A stored file being served: while a lease is open its content is never evicted. Taking one
 * records the content as just served (least recently served contents are evicted first). Close it
 * when the last byte is sent; closing twice is harmless.
 *
 * @since 1.1
 */
@ProviderType
public interface FileLease extends AutoCloseable {

    /** The file, valid until the lease is closed. */
    StoredFile file();

    @Override
    void close();
}

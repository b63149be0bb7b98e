package org.debswarm.storage.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.debswarm.storage.FileLease;
import org.debswarm.storage.StoredFile;

/** An open {@link FileLease}: holds its content in {@link Leases} until closed once. */
final class Lease implements FileLease {

    private final StoredFile file;
    private final Leases leases;
    private final AtomicBoolean closed = new AtomicBoolean();

    Lease(StoredFile file, Leases leases) {
        this.file = file;
        this.leases = leases;
    }

    @Override
    public StoredFile file() {
        return file;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            leases.release(file.sha256());
        }
    }
}

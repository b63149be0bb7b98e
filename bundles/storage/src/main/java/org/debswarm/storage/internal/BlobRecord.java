package org.debswarm.storage.internal;

/** A row of {@code storage_blob}: one stored content, named by its SHA-256. */
record BlobRecord(String sha256, long size, long mtimeNanos, long storedAtMillis) {
}

package org.debswarm.storage;

/**
 * How much the store holds against its limits ({@link PieceStore#usage()}).
 *
 * @param storedBytes      bytes of the stored contents (each content counted once)
 * @param maxStoreBytes    the configured limit of {@code storedBytes}; 0: none
 * @param usableDiskBytes  bytes still usable on the data folder's file system
 * @param minFreeDiskBytes the configured least free space kept on that file system; 0: none
 * @param evictedFiles     contents evicted since the store started
 * @param evictedBytes     bytes of those contents
 * @since 1.1
 */
public record StoreUsage(long storedBytes, long maxStoreBytes, long usableDiskBytes, long minFreeDiskBytes,
                         long evictedFiles, long evictedBytes) {
}

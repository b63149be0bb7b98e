package org.debswarm.storage.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import org.debswarm.storage.FileWrite;

/**
 * Run by {@link CrashTest} in its own JVM, as a node downloading one file: writes the first bytes of it as fast
 * as it can, waits until the store's I/O thread has done the checkpoints those writes queued (no sleep: a tiny
 * second file is completed, and its verification queues behind them on the same thread), says so, and keeps
 * writing (never the last byte) until it is killed with SIGKILL. Arguments: home, size, seed, bytes to write
 * before saying so, checkpoint bytes.
 */
public final class CrashChild {

    static final String WRITTEN = "WRITTEN";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        byte[] bytes = StoreTestSupport.content(Integer.parseInt(args[1]), Long.parseLong(args[2]));
        int first = Integer.parseInt(args[3]);
        FileSystemPieceStore store = new FileSystemPieceStore(home, StoreTestSupport.dataSource(home),
                new StoreOptions(Long.parseLong(args[4]), Duration.ofMinutes(5), Duration.ofSeconds(10)));
        FileWrite write = store.begin(StoreTestSupport.deb("crash", bytes)).write().orElseThrow();
        for (int at = 0; at < first; at += 4096) {
            write.writeAt(at, ByteBuffer.wrap(bytes, at, Math.min(4096, first - at)));
        }
        byte[] marker = {42};
        FileWrite barrier = store.begin(StoreTestSupport.deb("barrier", marker)).write().orElseThrow();
        barrier.writeAt(0, ByteBuffer.wrap(marker));
        barrier.completion().get();
        System.out.println(WRITTEN);
        System.out.flush();
        for (int at = first; at < bytes.length - 1; at += 4096) {
            write.writeAt(at, ByteBuffer.wrap(bytes, at, Math.min(4096, bytes.length - 1 - at)));
            Thread.sleep(1);
        }
        Thread.sleep(60_000);
    }
}

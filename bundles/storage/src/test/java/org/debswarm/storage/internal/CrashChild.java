package org.debswarm.storage.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import org.debswarm.storage.FileWrite;

/**
 * Run by {@link CrashTest} in its own JVM: writes half a file, says so, and keeps writing (never
 * the last byte) until it is killed with SIGKILL.
 */
public final class CrashChild {

    static final String HALFWAY = "HALFWAY";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        byte[] bytes = StoreTestSupport.content(Integer.parseInt(args[1]), Long.parseLong(args[2]));
        FileSystemPieceStore store = new FileSystemPieceStore(home, StoreTestSupport.dataSource(home),
                new StoreOptions(64 * 1024, Duration.ofMinutes(5), Duration.ofSeconds(10)));
        FileWrite write = store.begin(StoreTestSupport.deb("crash", bytes)).write().orElseThrow();
        int half = bytes.length / 2;
        for (int at = 0; at < half; at += 4096) {
            write.writeAt(at, ByteBuffer.wrap(bytes, at, Math.min(4096, half - at)));
        }
        // Let the I/O thread record the checkpoints and H2 write them (its write delay is 500 ms).
        Thread.sleep(1500);
        System.out.println(HALFWAY);
        System.out.flush();
        for (int at = half; at < bytes.length - 1; at += 4096) {
            write.writeAt(at, ByteBuffer.wrap(bytes, at, Math.min(4096, bytes.length - 1 - at)));
            Thread.sleep(1);
        }
        Thread.sleep(60_000);
    }
}

package org.debswarm.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.debswarm.storage.FileKey;
import org.junit.Test;

/** Every entry point that takes a host or a path refuses ones that could leave the store. */
public class PathSafetyTest extends StoreTestSupport {

    private static final List<String> BAD_PATHS = List.of("../etc/passwd", "debian/../../x", "/etc/passwd",
            "debian\\pool", "a\0b", "debian//pool", "debian/", ".", "");
    private static final List<String> BAD_HOSTS = List.of("..", ".", "a/b", "a\\b", "a\0b", "", "/", "host name");

    @Test
    public void everyOperationRejectsUnsafePaths() throws Exception {
        FileSystemPieceStore store = open();
        for (String path : BAD_PATHS) {
            assertRejected(() -> store.lookup(HOST, path), path);
            assertRejected(() -> store.verify(HOST, path), path);
            assertRejected(() -> store.remove(HOST, path), path);
            assertRejected(() -> new FileKey(HOST, path, 1, "0".repeat(64)), path);
        }
        for (String host : BAD_HOSTS) {
            assertRejected(() -> store.lookup(host, "debian/x"), host);
            assertRejected(() -> store.verify(host, "debian/x"), host);
            assertRejected(() -> new FileKey(host, "debian/x", 1, "0".repeat(64)), host);
        }
        assertRejected(() -> store.lookupBySha256("../" + "0".repeat(61)), "sha");
        assertEquals("nothing was created outside the data folder", List.of("data"),
                names(folder.getRoot().toPath()));
    }

    @Test
    public void aSizeThatContradictsAnEarlierRequestIsRefused() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(100, 100);
        FileKey key = deb("sized", bytes);
        store.begin(key);
        FileKey liar = new FileKey(HOST, "debian/other.deb", 101, key.sha256());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.begin(liar));
        assertTrue(e.getMessage(), e.getMessage().startsWith("size 101 for sha256 " + key.sha256()));
        assertThrows(IllegalArgumentException.class, () -> store.whenStored(liar));
    }

    private static void assertRejected(ThrowingRunnable call, String value) {
        IllegalArgumentException e = assertThrows("accepted " + FileKey.class.getSimpleName() + " part: " + value,
                IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage(), e.getMessage().matches("(?s)(host|path|sha256) \".*\": .+"));
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}

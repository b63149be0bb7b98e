package org.debswarm.storage.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.VerificationException;
import org.junit.Test;

public class BlockWriteTest extends StoreTestSupport {

    private static final int B = FileWrite.BLOCK_SIZE;

    @Test
    public void blocksFromSeveralPeersInAnyOrderWithDuplicates() throws Exception {
        FileSystemPieceStore store = open(options(4 * B, java.time.Duration.ofMinutes(5)));
        byte[] bytes = content(200 * B + 1234, 60);
        FileKey key = deb("peers", bytes);
        BeginResult begin = store.begin(key);
        FileWrite write = begin.write().orElseThrow();
        assertEquals(201, write.blockCount());

        int peers = 4;
        List<List<Integer>> orders = new ArrayList<>();
        for (int p = 0; p < peers; p++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < write.blockCount(); i++) {
                if (i % peers == p || i % 7 == 0) { // every 7th block comes from every peer (end game)
                    order.add(i);
                }
            }
            Collections.shuffle(order, new Random(p));
            orders.add(order);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(peers);
        long added = 0;
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (List<Integer> order : orders) {
                Callable<Long> peer = () -> {
                    start.await();
                    long mine = 0;
                    for (int block : order) {
                        int length = (int) Math.min(B, bytes.length - (long) block * B);
                        mine += write.writeAt((long) block * B, ByteBuffer.wrap(bytes, block * B, length));
                    }
                    return mine;
                };
                results.add(pool.submit(peer));
            }
            start.countDown();
            for (Future<Long> r : results) {
                added += r.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("each byte was written exactly once", bytes.length, added);
        assertArrayEquals(bytes, Files.readAllBytes(await(begin.completion()).file()));
    }

    @Test
    public void reportsWhichBlocksArePresent() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(3 * B + 100, 61);
        FileWrite write = store.begin(deb("bits", bytes)).write().orElseThrow();
        write.writeAt(B, ByteBuffer.wrap(bytes, B, B));
        write.writeAt(3 * B, ByteBuffer.wrap(bytes, 3 * B, 100));
        write.writeAt(0, ByteBuffer.wrap(bytes, 0, 100)); // part of block 0 only
        BitSet expected = new BitSet();
        expected.set(1);
        expected.set(3);
        assertEquals(expected, write.blocks());
        assertTrue(write.hasBlock(3));
        assertFalse(write.hasBlock(0));
        assertEquals(100, write.available());
        assertEquals(B + 200, write.written());
        assertThrows(IndexOutOfBoundsException.class, () -> write.hasBlock(4));
    }

    @Test
    public void aBadBlockFailsThePieceAndTheNextAttemptStartsClean() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(8 * B, 62);
        FileKey key = deb("badpeer", bytes);
        FileWrite write = store.begin(key).write().orElseThrow();
        byte[] evil = content(B, 63);
        for (int block = 7; block >= 0; block--) {
            write.writeAt((long) block * B, ByteBuffer.wrap(block == 3 ? evil : bytes, block == 3 ? 0 : block * B, B));
        }
        assertTrue(failureOf(write.completion()) instanceof VerificationException);
        FileWrite retry = store.begin(key).write().orElseThrow();
        assertEquals(0, retry.written());
        for (int block = 0; block < 8; block++) {
            retry.writeAt((long) block * B, ByteBuffer.wrap(bytes, block * B, B));
        }
        await(retry.completion());
    }
}

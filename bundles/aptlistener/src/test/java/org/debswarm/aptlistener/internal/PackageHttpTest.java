package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The HTTP details of package files apt relies on (RFC 9110 sections 13 and 14): a HEAD of a listed file the
 * node has not stored is answered from the catalog without a download; a stored file answers
 * {@code If-Modified-Since} with 304 and honours a {@code Range} only while {@code If-Range} matches.
 */
public class PackageHttpTest {

    private static final String DEB = "debian/pool/main/s/small/small_1.0_all.deb";
    private static final int SIZE = 40_000;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private ListenerRig rig;

    @Before
    public void start() throws Exception {
        TestArchive archive = new TestArchive(folder.newFolder("mirror").toPath()).add("small", SIZE, 11).publish();
        rig = new ListenerRig(archive, folder.newFolder("home").toPath(), Map.of());
        rig.catalogue();
    }

    @After
    public void stop() throws Exception {
        rig.close();
    }

    @Test
    public void aHeadOfAListedUnstoredPackageIsAnsweredFromTheCatalogWithoutADownload() throws Exception {
        RawHttp.Reply head = rig.request("HEAD", DEB);
        assertEquals(200, head.status());
        assertEquals("the size the index gives", Integer.toString(SIZE), head.headers().get("content-length"));
        assertEquals("no mirror request: " + rig.mirror.log(), 0, rig.mirror.count("/" + DEB));
        assertFalse("nothing stored", rig.store.lookup(rig.mirror.authority(), DEB).isPresent());
        assertEquals("no write begun", 0, rig.store.summary().activeWrites());
    }

    @Test
    public void aStoredPackageAnswersIfModifiedSinceWith304() throws Exception {
        String lastModified = storedLastModified();
        RawHttp.Reply notModified = rig.get(DEB, "If-Modified-Since: " + lastModified);
        assertEquals(304, notModified.status());

        RawHttp.Reply modified = rig.get(DEB, "If-Modified-Since: " + dayBefore(lastModified));
        assertEquals(200, modified.status());
        assertArrayEquals(rig.archive.bytes(DEB), modified.body());
        assertEquals("all from the store", 1, rig.mirror.count("/" + DEB));
    }

    @Test
    public void aStoredPackageHonoursARangeOnlyWhileIfRangeMatches() throws Exception {
        String lastModified = storedLastModified();
        byte[] whole = rig.archive.bytes(DEB);

        RawHttp.Reply part = rig.get(DEB, "Range: bytes=30000-", "If-Range: " + lastModified);
        assertEquals(206, part.status());
        assertEquals("bytes 30000-39999/40000", part.headers().get("content-range"));
        assertArrayEquals(Arrays.copyOfRange(whole, 30000, SIZE), part.body());

        RawHttp.Reply olderDate = rig.get(DEB, "Range: bytes=30000-", "If-Range: " + dayBefore(lastModified));
        assertEquals("another version than apt's part: the whole file", 200, olderDate.status());
        assertNull(olderDate.headers().get("content-range"));
        assertArrayEquals(whole, olderDate.body());

        RawHttp.Reply entityTag = rig.get(DEB, "Range: bytes=30000-", "If-Range: \"not-ours\"");
        assertEquals("a stored file has no entity tag to match", 200, entityTag.status());
        assertArrayEquals(whole, entityTag.body());
        assertEquals("all from the store", 1, rig.mirror.count("/" + DEB));
    }

    /** Downloads the package once, waits until it is stored, and returns the store's Last-Modified for it. */
    private String storedLastModified() throws Exception {
        assertArrayEquals(rig.archive.bytes(DEB), rig.get(DEB).body());
        rig.store.whenStored(rig.entry(DEB)).get(10, TimeUnit.SECONDS);
        RawHttp.Reply head = rig.request("HEAD", DEB);
        String lastModified = head.headers().get("last-modified");
        assertNotNull("a stored file has a Last-Modified: " + head.headers(), lastModified);
        return lastModified;
    }

    private static String dayBefore(String httpDate) {
        DateTimeFormatter format = DateTimeFormatter.RFC_1123_DATE_TIME;
        return format.format(ZonedDateTime.parse(httpDate, format).minusDays(1).withZoneSameInstant(ZoneOffset.UTC));
    }
}

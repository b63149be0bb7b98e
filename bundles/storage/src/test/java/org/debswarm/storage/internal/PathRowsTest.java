package org.debswarm.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Optional;

import org.junit.Test;

/** The rows kept in memory are used only while no write came after the query that read them. */
public class PathRowsTest {

    private static final PathRecord ROW = new PathRecord("deb.debian.org", "debian/pool/main/a/a.deb",
            "0".repeat(64), 10, 1, 2);

    @Test
    public void aRowReadBeforeAWriteIsNotKept() {
        PathRows rows = new PathRows();
        long before = rows.generation();
        rows.changed(); // a write committed while the query ran
        rows.keep(ROW.host(), ROW.path(), Optional.of(ROW), before);
        assertNull(rows.get(ROW.host(), ROW.path()));
    }

    @Test
    public void aKeptRowLastsUntilTheNextWrite() {
        PathRows rows = new PathRows();
        rows.keep(ROW.host(), ROW.path(), Optional.of(ROW), rows.generation());
        assertEquals(Optional.of(ROW), rows.get(ROW.host(), ROW.path()));
        rows.keep("other", "p", Optional.empty(), rows.generation());
        assertEquals("an absent row is kept too", Optional.empty(), rows.get("other", "p"));
        rows.changed();
        assertNull(rows.get(ROW.host(), ROW.path()));
        assertNull(rows.get("other", "p"));
    }

    @Test
    public void theRowsKeptAreBounded() {
        PathRows rows = new PathRows();
        for (int i = 0; i <= PathRows.MAX_ROWS; i++) {
            rows.keep("h", "p" + i, Optional.empty(), rows.generation());
        }
        assertNull("started over at the bound", rows.get("h", "p0"));
        assertEquals(Optional.empty(), rows.get("h", "p" + PathRows.MAX_ROWS));
    }
}

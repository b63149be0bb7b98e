package org.debswarm.commons;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/** Listeners are obtained on first use, never on binding, once each, and released when unbound. */
public class WhiteboardTest {

    /** Service objects that count what was obtained and released; the service is a fresh string each time. */
    private static final class Counting implements ComponentServiceObjects<String> {
        final List<String> obtained = new ArrayList<>();
        final List<String> released = new ArrayList<>();
        String next = "listener";

        @Override
        public String getService() {
            if (next == null) {
                return null;
            }
            String s = new String(next);
            obtained.add(s);
            return s;
        }

        @Override
        public void ungetService(String service) {
            released.add(service);
        }

        @Override
        public ServiceReference<String> getServiceReference() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    public void bindingObtainsNothingFirstUseObtainsOnce() {
        Whiteboard<String> board = new Whiteboard<>();
        Counting objects = new Counting();
        board.add(objects);
        assertTrue("nothing obtained on binding", objects.obtained.isEmpty());
        assertEquals(List.of("listener"), board.services());
        assertEquals(List.of("listener"), board.services());
        assertEquals("obtained once", 1, objects.obtained.size());
    }

    @Test
    public void unbindingReleasesWhatWasObtained() {
        Whiteboard<String> board = new Whiteboard<>();
        Counting objects = new Counting();
        Whiteboard.Listener<String> listener = board.add(objects);
        board.services();
        board.remove(objects);
        assertEquals(objects.obtained, objects.released);
        assertTrue(board.services().isEmpty());
        assertTrue("a released handle gives nothing", listener.get().isEmpty());
        assertEquals(1, objects.obtained.size());
    }

    @Test
    public void aListenerThatCannotBeObtainedIsLeftOutAndTriedAgain() {
        Whiteboard<String> board = new Whiteboard<>();
        Counting objects = new Counting();
        objects.next = null;
        board.add(objects);
        board.add("direct");
        assertEquals(List.of("direct"), board.services());
        objects.next = "later";
        assertEquals(List.of("later", "direct"), board.services());
    }

    @Test
    public void aDirectListenerIsRemovedByItself() {
        Whiteboard<String> board = new Whiteboard<>();
        String direct = "direct";
        board.add(direct);
        board.remove(direct);
        assertTrue(board.services().isEmpty());
    }
}

package org.debswarm.governor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.internal.AdmissionQueue.Outcome;
import org.junit.Test;

/** The admission rules alone: limits, order within a host, turns across hosts, bound, withdrawal. */
public class AdmissionQueueTest {

    /** Records the order of admissions as "host/name". */
    private final List<String> admitted = new ArrayList<>();
    private final List<HostLane> grantedLanes = new ArrayList<>();

    private AdmissionQueue.Waiter waiter(String name) {
        return lane -> {
            admitted.add(lane.host + "/" + name);
            grantedLanes.add(lane);
        };
    }

    @Test
    public void admitsUpToThePerHostLimitThenQueuesInArrivalOrder() {
        AdmissionQueue queue = new AdmissionQueue(2, 10, 10);
        for (String name : new String[] {"1", "2", "3", "4"}) {
            queue.submit("a", waiter(name));
        }
        assertEquals(List.of("a/1", "a/2"), admitted);
        queue.release(grantedLanes.get(0));
        queue.release(grantedLanes.get(1));
        assertEquals(List.of("a/1", "a/2", "a/3", "a/4"), admitted);
    }

    @Test
    public void theTotalLimitBindsAcrossHosts() {
        AdmissionQueue queue = new AdmissionQueue(4, 3, 10);
        assertEquals(Outcome.ADMITTED, queue.submit("a", waiter("1")));
        assertEquals(Outcome.ADMITTED, queue.submit("b", waiter("1")));
        assertEquals(Outcome.ADMITTED, queue.submit("c", waiter("1")));
        assertEquals(Outcome.QUEUED, queue.submit("d", waiter("1")));
        GovernorStats stats = queue.snapshot();
        assertEquals(3, stats.total().active());
        assertEquals(1, stats.total().queued());
        assertEquals(1, stats.host("d").orElseThrow().queued());
    }

    @Test
    public void hostsTakeTurnsWhenSlotsFreeUp() {
        AdmissionQueue queue = new AdmissionQueue(10, 1, 10);
        queue.submit("busy", waiter("0"));
        for (int i = 1; i <= 3; i++) {
            queue.submit("busy", waiter(String.valueOf(i)));
        }
        queue.submit("other", waiter("1"));
        queue.submit("third", waiter("1"));
        for (int i = 0; i < 5; i++) {
            queue.release(grantedLanes.get(grantedLanes.size() - 1));
        }
        assertEquals(List.of("busy/0", "busy/1", "other/1", "third/1", "busy/2", "busy/3"), admitted);
    }

    @Test
    public void aHostAtItsLimitPassesItsTurnToTheNext() {
        AdmissionQueue queue = new AdmissionQueue(1, 2, 10);
        queue.submit("a", waiter("1"));
        queue.submit("a", waiter("2"));      // waits for a's own slot
        queue.submit("b", waiter("1"));      // takes the second total slot at once
        queue.submit("c", waiter("1"));      // waits for a total slot
        queue.release(grantedLanes.get(1)); // b finishes: a is still full, so c goes
        assertEquals(List.of("a/1", "b/1", "c/1"), admitted);
    }

    @Test
    public void theQueueIsBounded() {
        AdmissionQueue queue = new AdmissionQueue(1, 1, 2);
        assertEquals(Outcome.ADMITTED, queue.submit("a", waiter("1")));
        assertEquals(Outcome.QUEUED, queue.submit("a", waiter("2")));
        assertEquals(Outcome.QUEUED, queue.submit("b", waiter("1")));
        assertEquals(Outcome.FULL, queue.submit("c", waiter("1")));
        assertEquals(2, queue.snapshot().total().queued());
    }

    @Test
    public void aWithdrawnWaiterIsNeverAdmitted() {
        AdmissionQueue queue = new AdmissionQueue(1, 1, 10);
        queue.submit("a", waiter("1"));
        AdmissionQueue.Waiter second = waiter("2");
        queue.submit("a", second);
        queue.submit("a", waiter("3"));
        assertTrue(queue.withdraw("a", second));
        assertFalse(queue.withdraw("a", second));
        queue.release(grantedLanes.get(0));
        assertEquals(List.of("a/1", "a/3"), admitted);
    }

    @Test
    public void aClosedQueueRefusesAndForgetsItsWaiters() {
        AdmissionQueue queue = new AdmissionQueue(1, 1, 10);
        queue.submit("a", waiter("1"));
        queue.submit("a", waiter("2"));
        queue.close();
        assertEquals(Outcome.CLOSED, queue.submit("a", waiter("3")));
        queue.release(grantedLanes.get(0));
        assertEquals(List.of("a/1"), admitted);
        assertEquals(0, queue.snapshot().total().active());
        assertEquals(0, queue.snapshot().total().queued());
    }

    @Test
    public void aZeroCapacityQueueOnlyAdmits() {
        AdmissionQueue queue = new AdmissionQueue(1, 1, 0);
        assertEquals(Outcome.ADMITTED, queue.submit("a", waiter("1")));
        assertEquals(Outcome.FULL, queue.submit("a", waiter("2")));
    }
}

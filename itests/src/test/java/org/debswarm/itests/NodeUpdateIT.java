package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.debswarm.peerwire.PeerWire;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.StatsView;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.TorrentFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The node bundle replaced in place, as FileInstall does it (update, then a refresh of that bundle, which also
 * refreshes the console that imports its API): the engine, the store and the statistics are not restarted, and
 * the node's torrents come back as they were: the running one runs again (its pieces found in the store), the one
 * an administrator stopped stays stopped.
 * <p>
 * The probe reaches the node's {@code TorrentActions} by name and reflection: importing the node's API would
 * make the refresh restart the probe itself.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NodeUpdateIT {

    private static final String NODE = "org.debswarm.node";
    private static final String TORRENT_ACTIONS = "org.debswarm.node.TorrentActions";
    private static final List<String> UNDISTURBED =
            List.of("org.debswarm.peerwire", "org.debswarm.storage", "org.debswarm.stats", "org.debswarm.aptlistener");

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private TorrentFactory factory;

    @Inject
    private PeerWire peerWire;

    @Inject
    private StatsView stats;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node()};
    }

    @Test
    public void updatingTheNodeBringsItsTorrentsBackAndLeavesEngineStoreAndStatisticsAlone() throws Exception {
        Container.awaitAllActive(context);
        assertEquals(List.of(), ContainerIT.unsatisfiedDebswarmComponents(scr));
        MetaInfo running = seeded("alpha", 1);
        MetaInfo stopped = seeded("beta", 2);
        awaitState(running.infoHash(), "RUNNING");
        awaitState(stopped.infoHash(), "RUNNING");
        awaitSeeding(running);
        call(actions(), "stop", stopped.infoHash()).get(Container.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertTrue("stopped: no session", peerWire.snapshot(stopped.infoHash()).isEmpty());
        String hex = running.infoHash().toHex();
        awaitTrue("the statistics sampled the running torrent", () -> stats.torrent(hex).isPresent());
        long torrentsBefore = stats.torrents().size();

        Bundle node = BundleUpdateIT.bundle(context, NODE);
        long actionsBefore = serviceId(actionsReference());
        Map<String, BundleWiring> wiringsBefore = GovernorUpdateIT.wiringsOf(context, UNDISTURBED);
        List<String> stopping = BundleUpdateIT.updateFromDeploy(context, node, () -> GovernorUpdateIT.refresh(context, node));

        assertTrue("the node stopped: " + stopping, stopping.contains(NODE));
        for (String name : UNDISTURBED) {
            assertTrue(name + " did not stop", !stopping.contains(name));
            assertSame(name + " kept its wiring (not refreshed)", wiringsBefore.get(name), GovernorUpdateIT.wiringsOf(context, List.of(name)).get(name));
        }
        Container.await(context, "TorrentActions of the updated node", () -> {
            ServiceReference<?> r = actionsReference();
            return r != null && serviceId(r) != actionsBefore;
        });
        assertNotEquals(actionsBefore, serviceId(actionsReference()));
        awaitState(running.infoHash(), "RUNNING");
        awaitSeeding(running);
        awaitState(stopped.infoHash(), "STOPPED");
        assertTrue("still stopped: no session", peerWire.snapshot(stopped.infoHash()).isEmpty());
        assertTrue("the statistics still know the running torrent", stats.torrent(hex).isPresent());
        assertTrue("and forgot none", stats.torrents().size() >= torrentsBefore);
        Container.awaitAllActive(context);
        assertEquals("unsatisfied after the update", List.of(), ContainerIT.unsatisfiedDebswarmComponents(scr));
    }

    /** A folder of one file under {@code <debswarm.home>/torrents/<name>/} and its .torrent file beside it. */
    private MetaInfo seeded(String name, long seed) throws Exception {
        Path torrents = Path.of(context.getProperty("debswarm.home")).resolve("torrents");
        Path content = Files.createDirectories(torrents.resolve(name));
        byte[] bytes = new byte[100_000];
        new Random(seed).nextBytes(bytes);
        Files.write(content.resolve(name + ".bin"), bytes);
        byte[] file = factory.createTorrentFile(content, List.of(), 0);
        Path temporary = torrents.resolve(name + ".part");
        Files.write(temporary, file);
        Files.move(temporary, torrents.resolve(name + ".torrent")); // appears whole to the folder's watch
        return factory.readTorrentFile(file);
    }

    /** Waits until the running session of {@code meta} holds every piece (read from the store). */
    private void awaitSeeding(MetaInfo meta) throws Exception {
        awaitTrue("the session of " + meta.name() + " seeds", () -> peerWire.snapshot(meta.infoHash())
                .map(s -> s.piecesHad() == meta.pieceCount()).orElse(false));
        SessionSnapshot s = peerWire.snapshot(meta.infoHash()).orElseThrow();
        assertEquals(0, s.bytesWanted());
    }

    private void awaitState(InfoHash hash, String state) throws Exception {
        awaitTrue(hash + " " + state, () -> state.equals(stateOf(hash)));
    }

    private String stateOf(InfoHash hash) {
        try {
            Optional<?> torrent = (Optional<?>) invoke(actions(), "torrent", hash);
            return torrent.map(t -> invoke(t, "state").toString()).orElse("UNKNOWN");
        } catch (IllegalStateException noNodeNow) {
            return "NO NODE";
        }
    }

    /**
     * The torrent folder's watch, the piece checks and the node's own thread give no event the probe can
     * observe, so these conditions are looked at again every 100 ms until the deadline (as TorrentInteropIT
     * compares files from outside the process).
     */
    private static void awaitTrue(String what, Supplier<Boolean> condition) {
        long end = System.nanoTime() + Container.DEADLINE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + Container.DEADLINE.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private Object actions() {
        ServiceReference<?> reference = actionsReference();
        Object service = reference == null ? null : context.getService(reference);
        if (service == null) {
            throw new IllegalStateException("no TorrentActions service");
        }
        return service;
    }

    /**
     * The TorrentActions service, looked up without a class check: a class-checked look-up would wire the probe to
     * the node's API (by dynamic import), and the node's refresh would then stop the probe.
     */
    private ServiceReference<?> actionsReference() {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(TORRENT_ACTIONS, null);
            return references == null ? null : references[0];
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<?> call(Object target, String method, Object argument) {
        return (CompletableFuture<?>) invoke(target, method, argument);
    }

    private static Object invoke(Object target, String name, Object... arguments) {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == arguments.length) {
                try {
                    method.setAccessible(true);
                    return method.invoke(target, arguments);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(name + " failed: " + e, e);
                }
            }
        }
        throw new IllegalStateException("no method " + name + " on " + target.getClass());
    }

    private static long serviceId(ServiceReference<?> reference) {
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }
}

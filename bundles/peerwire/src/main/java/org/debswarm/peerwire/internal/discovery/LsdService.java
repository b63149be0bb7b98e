package org.debswarm.peerwire.internal.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.debswarm.peerwire.internal.IoLoop;
import org.debswarm.torrent.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local Service Discovery run by the engine: {@link LocalDiscovery} over {@link MulticastGroups}, on the
 * engine's I/O thread, timed by the engine's timer (no thread of its own). Announces go out
 * {@link #BATCH_DELAY_MILLIS} ms after a torrent starts (so that torrents started together, as an index update
 * starts them, share datagrams; short, because a node's first peers come with it: at the start of a run apt asks
 * for packages within a second of the update)
 * and are checked for due ones every {@link #CHECK_SECONDS} s. {@link #close} cancels the timers and closes
 * the channels on the I/O thread, waiting a bounded time.
 */
public final class LsdService implements AutoCloseable {

    static final long BATCH_DELAY_MILLIS = 100;
    static final long CHECK_SECONDS = 15;
    private static final long WAIT_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(LsdService.class);

    /** Where found peers go: a peer listening at {@code peer} takes part in torrent {@code infoHash}. */
    public interface Found {
        void found(InfoHash infoHash, InetSocketAddress peer);
    }

    private final IoLoop loop;
    private final ScheduledExecutorService timer;
    private final MulticastGroups channels;
    private final LocalDiscovery discovery;
    private final Future<?> check;

    private LsdService(IoLoop loop, ScheduledExecutorService timer, MulticastGroups channels,
            LocalDiscovery discovery) {
        this.loop = loop;
        this.timer = timer;
        this.channels = channels;
        this.discovery = discovery;
        this.check = timer.scheduleWithFixedDelay(this::announceOnLoop, CHECK_SECONDS, CHECK_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * Starts discovery on the interface of {@code setting} or {@code bind} (see {@link DiscoveryInterface});
     * empty, with the reason logged, when there is none that can multicast.
     */
    public static Optional<LsdService> start(String setting, InetAddress bind, int listenPort, IoLoop loop,
            ScheduledExecutorService timer, Found found) throws IOException {
        if (bind.isLoopbackAddress() && !setting.isBlank()) {
            // announcing on the LAN a port only this machine can reach: peers would dial in vain
            LOG.warn("Local Service Discovery off: discoveryInterface is {} but the peer wire listens on {} only;"
                    + " set bindAddress to an address on {} (or 0.0.0.0)", setting, bind.getHostAddress(), setting);
            return Optional.empty();
        }
        Optional<DiscoveryInterface> nic = DiscoveryInterface.resolve(setting, bind);
        if (nic.isEmpty()) {
            String why = DiscoveryInterface.why(setting, bind);
            if (bind.isLoopbackAddress() && setting.isBlank()) {
                LOG.debug("Local Service Discovery off: {}", why);
            } else {
                LOG.warn("Local Service Discovery off: {}; set discoveryInterface to a LAN interface", why);
            }
            return Optional.empty();
        }
        CompletableFuture<LsdService> opened = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                LocalDiscovery[] ref = new LocalDiscovery[1];
                MulticastGroups groups = MulticastGroups.open(nic.get(), loop,
                        (datagram, source) -> ref[0].received(datagram, source, System.nanoTime()));
                ref[0] = new LocalDiscovery(groups.groups(), listenPort, newCookie(), found, new SourceLimits());
                opened.complete(new LsdService(loop, timer, groups, ref[0]));
            } catch (IOException | RuntimeException e) {
                opened.completeExceptionally(e);
            }
        });
        LsdService service = await(opened);
        LOG.info("Local Service Discovery on {} ({}{})", nic.get().nic().getName(), nic.get().ipv4() ? "IPv4" : "",
                nic.get().ipv6() ? (nic.get().ipv4() ? ", IPv6" : "IPv6") : "");
        return Optional.of(service);
    }

    private static String newCookie() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A torrent started, named on the wire as {@code wireHash}: announced within {@value #BATCH_DELAY_MILLIS} ms. */
    public void started(InfoHash wireHash) {
        onLoop(() -> discovery.started(wireHash, System.nanoTime()));
        try {
            timer.schedule(this::announceOnLoop, BATCH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the engine is stopping
        }
    }

    public void stopped(InfoHash wireHash) {
        onLoop(() -> discovery.stopped(wireHash));
    }

    /**
     * What discovery did, as one line (datagrams sent, announces read, peers found, invalid and rate-limited ones);
     * counted on the I/O thread, so read from another one it may lag a little.
     */
    public String counts() {
        return discovery.counts().toString();
    }

    /** Distinct peers discovery found for the torrent named {@code wireHash}; to be called on the I/O thread. */
    public int peersSeen(InfoHash wireHash) {
        return discovery.peersSeen(wireHash);
    }

    private void announceOnLoop() {
        onLoop(() -> discovery.announce(System.nanoTime()));
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Peer wire stopped; discovery task dropped");
        }
    }

    @Override
    public void close() {
        check.cancel(false);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                channels.close();
                closed.complete(null);
            });
            await(closed);
        } catch (RejectedExecutionException | IOException e) {
            channels.close();
        }
        LOG.debug("Local Service Discovery stopped: {}", discovery.counts());
    }

    private static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting Local Service Discovery", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("Local Service Discovery: the I/O thread did not answer within " + WAIT_SECONDS
                    + " s", e);
        }
    }
}

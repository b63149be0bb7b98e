package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.debswarm.commons.Shutdown;
import org.debswarm.aptlistener.IndexCatalog;
import org.debswarm.aptlistener.IndexParseCounts;
import org.debswarm.aptlistener.PackageSource;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.aptlistener.PackagesIndexListener;
import org.debswarm.governor.HttpGovernor;
import org.debswarm.rfc822.ControlParser;
import org.debswarm.stats.StatsRecorder;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.PieceStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front apt talks to, on the Jetty instance its whiteboard target names, and the node's
 * {@link IndexCatalog}. Requests are checked in order: client address, method, request target (form, mirror,
 * path), then served by kind of file. The governor, the store and the parser are dynamic: while one is
 * being replaced the listener degrades (503 without a governor, pass-through without a store, no new
 * catalog entries without a parser) and recovers when it returns.
 */
@Component(service = {Servlet.class, IndexCatalog.class}, configurationPid = AptListener.PID)
@Designate(ocd = AptListenerConfiguration.class)
@HttpWhiteboardServletPattern("/*")
@HttpWhiteboardServletName("debswarm-aptlistener")
public final class AptListener extends HttpServlet implements IndexCatalog {

    /** The configuration PID. */
    public static final String PID = "org.debswarm.aptlistener";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AptListener.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);
    private static final int DOWNLOAD_THREADS = 32;
    /**
     * The index thread (Release reading, the catalog's parses) runs below apt: under contention apt's own work on
     * the same indices (decompressing, building its cache) and the node's request threads come first. 10, not 19:
     * on a machine busy with other work the parse still advances (a tenth of a normal thread's share), so package
     * requests do not wait their whole catalogWait for it.
     */
    static final int INDEX_NICENESS = 10;
    /** Direct buffers for sending files (4 MiB); more clients at once than this are sent through heap buffers. */
    private static final int SEND_BUFFERS = 16;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile HttpGovernor governor;

    @Reference(policy = ReferencePolicy.DYNAMIC, cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PieceStore store;

    private volatile ControlParser parser;

    @Reference(policy = ReferencePolicy.DYNAMIC, cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StatsRecorder stats;

    private final transient ClientFilter clients;
    private final transient TargetParser targets;
    private final transient ExecutorService indexThread;
    private final transient ThreadPoolExecutor downloadThreads;
    private final transient Catalog catalog;
    private final transient MirrorSource mirror;
    private final transient PackageSources sources;
    private final transient IndexEvents events;
    private final transient Settings settings;
    private final transient IndexHandler indexes;
    private final transient PackageHandler packages;

    /** Builds the listener; opens no socket (the whiteboard does) and reads the cache in the background. */
    @Activate
    public AptListener(AptListenerConfiguration config, BundleContext context) {
        this(config, context, Clock.systemUTC());
    }

    /** @param clock the time of the index cache's freshness (tests move it instead of waiting) */
    AptListener(AptListenerConfiguration config, BundleContext context, Clock clock) {
        this.settings = Settings.of(config);
        this.clients = ClientFilter.of(config.allowedClients());
        this.targets = new TargetParser(settings.mirrors(), config.maxUriLength());
        this.indexThread = java.util.concurrent.Executors.newSingleThreadExecutor(Threads.named("debswarm-apt-index"));
        this.downloadThreads = new ThreadPoolExecutor(DOWNLOAD_THREADS, DOWNLOAD_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Threads.named("debswarm-apt-download"));
        this.downloadThreads.allowCoreThreadTimeOut(true);
        IndexCounters counters = new IndexCounters();
        this.catalog = new Catalog(() -> parser, indexThread, counters);
        Metering metering = new Metering(() -> stats);
        this.mirror = new MirrorSource(() -> governor, settings, downloadThreads, metering);
        this.sources = new PackageSources(mirror);
        IndexCache cache = new IndexCache(home(context).resolve("cache"));
        IndexFetcher fetcher = new IndexFetcher(cache, () -> governor, settings, metering, clock);
        PdiffFollower pdiffs = new PdiffFollower(cache, new PlainCopies(cache), fetcher, () -> parser);
        IndexRefresher refresher = new IndexRefresher(catalog, fetcher, pdiffs, settings, downloadThreads);
        ReleaseReader releases = new ReleaseReader(TrustedKeys.of(config.keyrings(), config.mirrorKeyrings()));
        this.events = new IndexEvents(cache, catalog, new ReleaseNames(), releases, () -> parser, refresher,
                counters);
        FileSender sender = new FileSender(SEND_BUFFERS);
        this.indexes = new IndexHandler(cache, events, () -> governor, settings, metering, sender, clock,
                downloadThreads, new SharedIndexes(cache, () -> store, sources, settings, clock));
        this.packages = new PackageHandler(catalog, () -> store, sources, metering,
                new Proxy(() -> governor, settings, metering), settings, sender);
        CompletableFuture<Void> warm = new CompletableFuture<>();
        catalog.warmingUp(warm);
        indexThread.execute(() -> {
            try {
                events.warmUp(settings.indexDeadline().plus(Settings.SLACK)).whenComplete((v, e) -> warm.complete(null));
            } catch (RuntimeException e) {
                warm.complete(null); // look-ups wait for it no longer
                throw e;
            }
        });
        // After the warm-up (which reads what was cached before this start, and must not meet the first requests),
        // before any parse: from here on, the index thread runs below apt and the request threads.
        indexThread.execute(() -> Niceness.lowerCurrentThread(INDEX_NICENESS));
        LOG.debug("apt listener active: mirrors {}, clients {}, cache {}", Arrays.toString(config.allowedMirrors()),
                clients, cache.root());
    }

    @Deactivate
    void deactivate() {
        mirror.cancelAll("the apt listener stopped");
        Shutdown.now(indexThread, "debswarm-apt-index", SHUTDOWN_WAIT);
        Shutdown.now(downloadThreads, "debswarm-apt-download", SHUTDOWN_WAIT);
        LOG.debug("apt listener stopped");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPackagesIndexListener(PackagesIndexListener listener) {
        catalog.addListener(listener);
    }

    void removePackagesIndexListener(PackagesIndexListener listener) {
        catalog.removeListener(listener);
    }

    /** A parser (again): what passed without one is read now (at start the listener may serve before it). */
    @Reference(policy = ReferencePolicy.DYNAMIC, cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindParser(ControlParser bound) {
        parser = bound;
        events.parserBound();
    }

    synchronized void unbindParser(ControlParser unbound) {
        if (parser == unbound) {
            parser = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPackageSource(PackageSource source, Map<String, Object> properties) {
        sources.add(rank(properties), source);
    }

    void removePackageSource(PackageSource source, Map<String, Object> properties) {
        sources.remove(rank(properties));
    }

    private static PackageSources.Rank rank(Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return new PackageSources.Rank(ranking instanceof Integer i ? i : 0,
                (Long) properties.get(Constants.SERVICE_ID));
    }

    /** @return the catalog, for tests that wait for parses */
    Catalog catalog() {
        return catalog;
    }

    @Override
    public Optional<FileKey> entryFor(String host, String path) {
        return catalog.entryFor(host, path).or(() -> events.verifiedByHashNow(host, path)
                .map(listed -> listed.byHashKey(host)));
    }

    @Override
    public List<PackagesIndex> indexes() {
        return catalog.indexes();
    }

    @Override
    public IndexParseCounts parseCounts() {
        return catalog.parseCounts();
    }

    @Override
    public Optional<java.net.URI> mirrorUri(String host, String path) {
        String h = MirrorAllowList.normalize(FileKey.checkHost(host));
        return Optional.of(new RequestTarget(h, FileKey.checkPath(path), false).mirrorUri(settings));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            handle(request, response);
        } catch (HttpRefusal refusal) {
            // a refused client or mirror is a configuration question an administrator may be asking
            if (refusal.status() == 403) {
                LOG.info("{} {} from {}: 403 {}", request.getMethod(), abbreviate(request.getRequestURI()),
                        request.getRemoteAddr(), refusal.getMessage());
            } else {
                LOG.debug("{} {} from {}: {} {}", request.getMethod(), abbreviate(request.getRequestURI()),
                        request.getRemoteAddr(), refusal.status(), refusal.getMessage());
            }
            Responses.refuse(response, refusal);
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, HttpRefusal {
        if (!clients.allows(request.getRemoteAddr())) {
            throw HttpRefusal.forbidden("client " + request.getRemoteAddr() + " is not allowed: add its address range"
                    + " to allowedClients of the configuration PID " + PID);
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            throw new HttpRefusal(405, "method " + method + " (expected: GET or HEAD)");
        }
        RequestTarget target = targets.parse(request.getRequestURI(), request.getQueryString(),
                request.getServerName(), request.getServerPort(), request.getLocalPort());
        ArchivePath path = ArchivePath.of(List.of(target.path().split("/")));
        switch (path.kind()) {
            case INDEX -> indexes.serve(request, response, target, path);
            case PACKAGE -> packages.serve(request, response, target);
            case OTHER -> {
                if (catalog.entryFor(target.host(), target.path()).isEmpty()) {
                    throw HttpRefusal.forbidden("/" + target.path() + " is outside a Debian archive's layout (expected:"
                            + " <root>/dists/..., <root>/pool/..., or a flat repository's Packages*, Sources*, Release*,"
                            + " InRelease, by-hash/..., *.deb, *.dsc, *.tar.*, *.diff.gz)");
                }
                packages.serve(request, response, target);
            }
        }
    }

    private static String abbreviate(String uri) {
        return uri == null || uri.length() <= 200 ? uri : uri.substring(0, 200) + "...";
    }

    private static Path home(BundleContext context) {
        String home = context.getProperty("debswarm.home");
        return Path.of(home == null || home.isBlank() ? "data" : home).toAbsolutePath();
    }
}

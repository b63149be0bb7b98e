package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.EvictionListener;
import org.debswarm.storage.EvictionOutcome;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileLease;
import org.debswarm.storage.FileSpan;
import org.debswarm.storage.ListedFiles;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.storage.StoreEntry;
import org.debswarm.storage.StoreSummary;
import org.debswarm.storage.StoreUsage;
import org.debswarm.storage.StoredFile;
import org.osgi.framework.BundleContext;
import org.debswarm.commons.Whiteboard;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PieceStore} service: files on disk under the data folder, records in the database
 * given by a {@link DataSourceFactory} (H2 by default). A unit test builds it with
 * {@link #FileSystemPieceStore(Path, DataSource, StoreOptions)} and closes it with {@link #close()}.
 */
@Component(service = PieceStore.class, configurationPid = FileSystemPieceStore.PID)
@Designate(ocd = FileSystemPieceStoreConfiguration.class)
public final class FileSystemPieceStore implements PieceStore {

    static final String PID = "org.debswarm.storage";
    /** Framework property naming the node's data folder, set by the launcher. */
    static final String HOME_PROPERTY = "debswarm.home";
    private static final int STRIPES = 64;
    private static final Logger LOG = LoggerFactory.getLogger(FileSystemPieceStore.class);

    private final StoreLayout layout;
    private final StoreDatabase database;
    private final Records records;
    private final PartialRecords partials;
    private final Stripes stripes = new Stripes(STRIPES);
    private final Catalog catalog;
    private final WriteManager writes;
    /** Bound without being obtained: the node's listeners reference this store (see {@link Whiteboard}). */
    private final Whiteboard<ListedFiles> listed = new Whiteboard<>();
    private final Whiteboard<EvictionListener> evictionListeners = new Whiteboard<>();
    private final Retention retention;
    private final Evictor evictor;

    @Activate
    public FileSystemPieceStore(FileSystemPieceStoreConfiguration config, BundleContext context,
            @Reference(name = "dataSourceFactory", target = "(osgi.jdbc.driver.class=org.h2.Driver)")
            DataSourceFactory dataSources) throws IOException {
        this(home(config, context), config, dataSources);
    }

    private FileSystemPieceStore(Path home, FileSystemPieceStoreConfiguration config, DataSourceFactory dataSources)
            throws IOException {
        this(home, dataSource(dataSources, config, new StoreLayout(home)), new StoreOptions(config.checkpointBytes(),
                Duration.ofSeconds(config.idleTimeoutSeconds()), StoreOptions.DEFAULTS.closeTimeout()),
                new StoreLimits(config.maxStoreBytes(), config.minFreeDiskBytes()));
    }

    /** The store without OSGi and without limits: for tests, benchmarks and tools. Call {@link #close()} when done. */
    public FileSystemPieceStore(Path home, DataSource dataSource, StoreOptions options) throws IOException {
        this(home, dataSource, options, StoreLimits.NONE);
    }

    /** The store without OSGi, evicting past {@code limits}. Call {@link #close()} when done. */
    public FileSystemPieceStore(Path home, DataSource dataSource, StoreOptions options, StoreLimits limits)
            throws IOException {
        layout = new StoreLayout(home);
        layout.createDirectories();
        database = new StoreDatabase(dataSource);
        records = new Records(database);
        partials = new PartialRecords(database);
        catalog = new Catalog(layout, records, stripes);
        writes = new WriteManager(layout, catalog, partials, stripes, options);
        RetentionRecords rows;
        try {
            rows = new RetentionRecords(database);
            writes.sweep();
        } catch (IOException | RuntimeException e) {
            writes.close();
            database.close();
            throw e;
        }
        retention = new Retention(catalog, records, rows, stripes, listed::services, this::tellEvicted);
        evictor = new Evictor(layout.home(), records, rows, retention, limits);
        evictor.request(); // limits may have been lowered since the last run
        LOG.debug("Storage open at {} (limits {})", layout.home(), limits);
    }

    @Reference(name = "listedFiles", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListedFiles(ComponentServiceObjects<ListedFiles> service) {
        listed.add(service);
    }

    void unbindListedFiles(ComponentServiceObjects<ListedFiles> service) {
        listed.remove(service);
    }

    @Reference(name = "evictionListener", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindEvictionListener(ComponentServiceObjects<EvictionListener> listener) {
        evictionListeners.add(listener);
    }

    void unbindEvictionListener(ComponentServiceObjects<EvictionListener> listener) {
        evictionListeners.remove(listener);
    }

    /** The {@link ListedFiles} services; outside a framework, add them here. */
    Whiteboard<ListedFiles> listedFiles() {
        return listed;
    }

    /** The {@link EvictionListener}s; outside a framework, add them here. */
    Whiteboard<EvictionListener> evictionListeners() {
        return evictionListeners;
    }

    private void tellEvicted(FileKey key) {
        for (EvictionListener l : evictionListeners.services()) {
            try {
                l.evicted(key);
            } catch (RuntimeException e) {
                LOG.warn("An eviction listener failed for {}: {}", key, e.toString());
            }
        }
    }

    private static Path home(FileSystemPieceStoreConfiguration config, BundleContext context) {
        if (!config.dataDirectory().isBlank()) {
            return Path.of(config.dataDirectory());
        }
        String home = context.getProperty(HOME_PROPERTY);
        return Path.of(home == null || home.isBlank() ? "data" : home);
    }

    private static DataSource dataSource(DataSourceFactory factory, FileSystemPieceStoreConfiguration config,
                                         StoreLayout layout) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL,
                config.jdbcUrl().isBlank() ? layout.defaultJdbcUrl() : config.jdbcUrl());
        if (!config.jdbcUser().isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_USER, config.jdbcUser());
        }
        if (!config.jdbcPassword().isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, config.jdbcPassword());
        }
        try {
            return factory.createDataSource(properties);
        } catch (SQLException e) {
            throw new IOException("storage database: cannot create a data source: " + e.getMessage(), e);
        }
    }

    /** Suspends writes in progress (their partial files stay), waits for verifications, closes the database. */
    @Deactivate
    public void close() {
        evictor.close();
        writes.close();
        database.close();
        LOG.debug("Storage at {} closed", layout.home());
    }

    @Override
    public Optional<StoredFile> lookup(String host, String path) throws IOException {
        return catalog.lookup(host, path);
    }

    @Override
    public Optional<StoredFile> lookupBySha256(String sha256) throws IOException {
        return catalog.lookupBySha256(sha256);
    }

    @Override
    public Optional<StoredFile> linkIfKnown(FileKey key) throws IOException {
        List<String> orphans = new ArrayList<>();
        Optional<StoredFile> linked;
        synchronized (stripes.of(key.sha256())) {
            linked = catalog.storedOrLinked(key, orphans);
        }
        catalog.collect(orphans);
        return linked;
    }

    @Override
    public BeginResult begin(FileKey key) throws IOException {
        if (evictor.limited() && records.blob(key.sha256()).isEmpty()) {
            evictor.makeRoom(key.size()); // before the write checks the usable space
        }
        BeginResult begun = writes.begin(key);
        if (begun.outcome() == BeginResult.Outcome.CREATED) {
            begun.completion().whenComplete((stored, failure) -> evictor.request());
        }
        return begun;
    }

    @Override
    public CompletableFuture<StoredFile> whenStored(FileKey key) {
        return writes.whenStored(key);
    }

    @Override
    public Optional<StoredFile> verify(String host, String path) throws IOException {
        return catalog.verify(host, path);
    }

    @Override
    public boolean remove(String host, String path) throws IOException {
        return catalog.remove(host, path);
    }

    @Override
    public Optional<FileLease> use(String host, String path) throws IOException {
        return retention.use(host, path);
    }

    @Override
    public List<StoreEntry> entries() throws IOException {
        return retention.entries();
    }

    @Override
    public boolean pin(String host, String path, boolean pinned) throws IOException {
        return retention.pin(host, path, pinned);
    }

    @Override
    public EvictionOutcome evict(String host, String path) throws IOException {
        Optional<StoredFile> stored = catalog.lookup(host, path);
        EvictionOutcome outcome = retention.evictPath(host, path);
        if (outcome == EvictionOutcome.EVICTED) {
            evictor.counted(stored.map(StoredFile::size).orElse(0L));
        }
        return outcome;
    }

    @Override
    public StoreUsage usage() throws IOException {
        return evictor.usage();
    }

    @Override
    public StoreSummary summary() throws IOException {
        long[] totals = records.totals();
        return new StoreSummary(totals[0], totals[1], totals[2], totals[3], writes.activeWrites(), partials.count());
    }

    @Override
    public SpanningStorage openSpanning(String name, List<FileSpan> files, int pieceLength) throws IOException {
        return openSpanning(name, name, files, pieceLength);
    }

    @Override
    public SpanningStorage openSpanning(String name, String owner, List<FileSpan> files, int pieceLength)
            throws IOException {
        if (name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("torrent folder name " + name + ": must be one path segment");
        }
        if (owner.isBlank() || owner.length() > 256 || owner.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("owner '" + owner + "' (expected: 1 to 256 printable ASCII characters)");
        }
        Path root = layout.torrent(name);
        SpanningFolder.claim(root.getParent(), root, owner);
        return DiskSpanningStorage.open(root, files, pieceLength);
    }
}

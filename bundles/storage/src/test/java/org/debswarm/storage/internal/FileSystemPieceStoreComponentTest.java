package org.debswarm.storage.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.StoredFile;
import org.h2.util.OsgiDataSourceFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.BundleContext;

/** The DS constructor, as SCR calls it, with H2's own DataSourceFactory service implementation. */
public class FileSystemPieceStoreComponentTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void usesTheFrameworkHomeAndTheDefaultH2Database() throws Exception {
        Path home = folder.newFolder("node").toPath();
        FileSystemPieceStore store = new FileSystemPieceStore(config("", ""), context(home.toString()),
                new OsgiDataSourceFactory(new org.h2.Driver()));
        try {
            StoredFile stored = storeOne(store);
            assertEquals(home.resolve("mirrors").resolve(stored.host()).resolve(stored.path()), stored.file());
            assertTrue(Files.exists(home.resolve("db").resolve("storage.mv.db")));
        } finally {
            store.close();
        }
    }

    @Test
    public void configuredFolderAndJdbcUrlWin() throws Exception {
        Path configured = folder.newFolder("configured").toPath();
        Path database = folder.newFolder("elsewhere").toPath().resolve("store-db");
        FileSystemPieceStore store = new FileSystemPieceStore(config(configured.toString(), "jdbc:h2:file:" + database),
                context(folder.newFolder("ignored").toString()), new OsgiDataSourceFactory(new org.h2.Driver()));
        try {
            StoredFile stored = storeOne(store);
            assertTrue(stored.file().startsWith(configured));
            assertTrue(Files.exists(database.resolveSibling("store-db.mv.db")));
        } finally {
            store.close();
        }
    }

    private static StoredFile storeOne(FileSystemPieceStore store) throws Exception {
        byte[] bytes = StoreTestSupport.content(1000, 80);
        FileKey key = StoreTestSupport.deb("component", bytes);
        BeginResult begin = store.begin(key);
        StoreTestSupport.writeSequentially(begin.write().orElseThrow(), bytes, 100);
        StoredFile stored = StoreTestSupport.await(begin.completion());
        assertArrayEquals(bytes, Files.readAllBytes(stored.file()));
        return stored;
    }

    private static BundleContext context(String home) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && FileSystemPieceStore.HOME_PROPERTY.equals(args[0])) {
                        return home;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static FileSystemPieceStoreConfiguration config(String dataDirectory, String jdbcUrl) {
        return new FileSystemPieceStoreConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FileSystemPieceStoreConfiguration.class;
            }

            @Override
            public String dataDirectory() {
                return dataDirectory;
            }

            @Override
            public String jdbcUrl() {
                return jdbcUrl;
            }

            @Override
            public String jdbcUser() {
                return "";
            }

            @Override
            public long maxStoreBytes() {
                return 0;
            }

            @Override
            public long minFreeDiskBytes() {
                return 0;
            }

            @Override
            public String jdbcPassword() {
                return "";
            }

            @Override
            public String dataSourceFactory_target() {
                return "(osgi.jdbc.driver.class=org.h2.Driver)";
            }

            @Override
            public long checkpointBytes() {
                return 1 << 20;
            }

            @Override
            public int idleTimeoutSeconds() {
                return 60;
            }
        };
    }
}

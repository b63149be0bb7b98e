package org.debswarm.aptlistener.internal;

import org.debswarm.aptlistener.IndexCatalog;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.ListedFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tells the store's eviction which stored files a current index lists: those the catalog has at that path with
 * that SHA-256. Files of superseded index versions then go before files apt may still ask for.
 */
@Component(service = ListedFiles.class)
public final class CatalogListedFiles implements ListedFiles {

    private final IndexCatalog catalog;

    @Activate
    public CatalogListedFiles(@Reference IndexCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean lists(FileKey key) {
        return catalog.entryFor(key.host(), key.path()).filter(k -> k.sha256().equals(key.sha256())).isPresent();
    }
}

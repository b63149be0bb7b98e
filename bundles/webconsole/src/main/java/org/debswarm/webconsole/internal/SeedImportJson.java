package org.debswarm.webconsole.internal;

import org.debswarm.node.SeedImportReport;

/** A {@link SeedImportReport} as the seed API and {@code debswarm seed import --json} give it. */
final class SeedImportJson {

    private SeedImportJson() {
    }

    static String of(SeedImportReport r) {
        Json json = new Json().begin().field("folder", r.folder()).field("state", r.state().name().toLowerCase())
                .field("startedAt", r.startedAt());
        if (r.finishedAt().isPresent()) {
            json.field("finishedAt", r.finishedAt().get());
        } else {
            json.nullField("finishedAt");
        }
        json.field("scanned", r.scanned()).field("imported", r.imported()).field("importedBytes", r.importedBytes())
                .field("held", r.held()).field("unlisted", r.unlisted()).field("corruptCount", r.corruptCount())
                .field("errorCount", r.errorCount());
        json.beginArray("corrupt");
        r.corrupt().forEach(c -> json.begin().field("file", c).end());
        json.endArray().beginArray("errors");
        r.errors().forEach(e -> json.begin().field("error", e).end());
        return json.endArray().end().toString();
    }
}

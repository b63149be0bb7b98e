package org.debswarm.itests.apt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code apt-get}, run as an ordinary process on a private state: every {@code Dir::} option points
 * into a folder of its own, so the machine's apt configuration, lists and locks are never touched.
 */
final class AptClient {

    private final Path dir;
    private final List<String> options = new ArrayList<>();
    private List<String> prefix = List.of();

    /**
     * @param dir the client's folder
     * @param sourcesLine the one line of its sources.list
     * @param proxy the {@code Acquire::http::Proxy} URL, or null
     */
    AptClient(Path dir, String sourcesLine, String proxy) throws IOException {
        this.dir = dir;
        for (String sub : new String[] {"etc/apt.conf.d", "etc/preferences.d", "etc/sources.list.d", "etc/trusted.gpg.d",
            "state/lists/partial", "cache/archives/partial", "out"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(dir.resolve("state/status"), "");
        sources(sourcesLine);
        String d = dir.toString();
        add("Dir", d);
        add("Dir::State", d + "/state");
        add("Dir::State::status", d + "/state/status");
        add("Dir::State::Lists", d + "/state/lists");
        add("Dir::Cache", d + "/cache");
        add("Dir::Etc", d + "/etc");
        add("Dir::Etc::sourcelist", d + "/etc/sources.list");
        add("Dir::Etc::sourceparts", d + "/etc/sources.list.d");
        add("Dir::Etc::parts", d + "/etc/apt.conf.d");
        add("Dir::Etc::preferencesparts", d + "/etc/preferences.d");
        add("Dir::Etc::trustedparts", d + "/etc/trusted.gpg.d");
        add("APT::Get::List-Cleanup", "0");
        add("Debug::NoLocking", "1");
        add("Acquire::Languages", "none");
        add("APT::Architecture", "amd64");
        add("APT::Architectures", "amd64");
        add("APT::Sandbox::User", "root"); // the _apt user cannot enter the test's private folders
        add("Acquire::Retries", "0");
        if (proxy != null) {
            add("Acquire::http::Proxy", proxy);
        }
    }

    /** Adds {@code -o name=value} to every later run, after the options above (so it overrides them). */
    AptClient option(String name, String value) {
        add(name, value);
        return this;
    }

    /** Runs apt through {@code prefix} from now on (for example {@code ip netns exec <host>}). */
    AptClient through(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
        return this;
    }

    /** Replaces the sources.list (a restarted node listens on another port). */
    void sources(String sourcesLine) throws IOException {
        Files.writeString(dir.resolve("etc/sources.list"), sourcesLine + "\n");
    }

    Tools.Result update() throws Exception {
        return apt("update");
    }

    /** {@code apt-get download} into a new, empty folder; returns how it ended. */
    Tools.Result download(Path into, String... packages) throws Exception {
        return download(into, Tools.DEADLINE, packages);
    }

    /** {@link #download(Path, String...)} with its own deadline, for downloads larger than a test's. */
    Tools.Result download(Path into, Duration deadline, String... packages) throws Exception {
        Files.createDirectories(into);
        List<String> command = new ArrayList<>(List.of("download"));
        command.addAll(List.of(packages));
        return exec(into, deadline, command);
    }

    /** {@code apt-get install --download-only}: fetches into the client's own archives cache, installs nothing. */
    Tools.Result installDownloadOnly(String... packages) throws Exception {
        List<String> command = new ArrayList<>(List.of("install", "-y", "--download-only"));
        command.addAll(List.of(packages));
        return exec(dir, Tools.DEADLINE, command);
    }

    /** {@code apt-get source} into a new, empty folder (downloads the .dsc and tarballs, unpacks them). */
    Tools.Result source(Path into, String... packages) throws Exception {
        Files.createDirectories(into);
        List<String> command = new ArrayList<>(List.of("source"));
        command.addAll(List.of(packages));
        return exec(into, Tools.DEADLINE, command);
    }

    /** @return the client's archives cache, where {@link #installDownloadOnly} puts packages */
    Path archives() {
        return dir.resolve("cache/archives");
    }

    private Tools.Result apt(String... arguments) throws Exception {
        return exec(dir, Tools.DEADLINE, List.of(arguments));
    }

    private Tools.Result exec(Path in, Duration deadline, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("apt-get", "-q"));
        command.addAll(options);
        command.addAll(arguments);
        return Tools.exec(in, deadline, command);
    }

    private void add(String name, String value) {
        options.add("-o");
        options.add(name + "=" + value);
    }
}
